// milcoop web UI: a hash router and the signed-in session. One module per view in views/.
import { api } from "./api.js";
import { h, clear, errorBox, parseQuery } from "./dom.js";

const routes = [
  { pattern: /^\/events\/?$/, nav: "events", load: () => import("./views/timeline.js") },
  { pattern: /^\/events\/([^/]+)$/, nav: "events", load: () => import("./views/event.js") },
  { pattern: /^\/network\/?$/, nav: "network", load: () => import("./views/network.js") },
  { pattern: /^\/people\/?$/, nav: "people", load: () => import("./views/people.js") },
  { pattern: /^\/people\/([^/]+)$/, nav: "people", load: () => import("./views/person.js") },
  { pattern: /^\/documents\/?$/, nav: "documents", load: () => import("./views/documents.js") },
  { pattern: /^\/articles\/([^/]+)$/, nav: "", load: () => import("./views/article.js") },
  { pattern: /^\/login\/?$/, nav: "login", load: () => import("./views/login.js") },
];

export const session = {
  user: null,
  checked: false,
  listeners: new Set(),
  set(user) {
    this.user = user;
    this.checked = true;
    renderUserBox();
    for (const fn of this.listeners) fn(user);
  },
};

export async function refreshMe() {
  try {
    const me = await api("/api/session"); // 200 with username null when anonymous: no 401 in the console
    session.set(me && me.username ? me : null);
  } catch {
    session.set(null);
  }
  return session.user;
}

export async function signOut() {
  try { await api("/api/logout", { method: "POST" }); } catch { /* signed out locally anyway */ }
  session.set(null);
  route();
}

export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith("#") ? hash : "#" + hash;
  if (location.hash === target) { route(); return; }
  if (replace) history.replaceState(null, "", target), route();
  else location.hash = target;
}

function renderUserBox() {
  const box = document.getElementById("user-box");
  if (!box) return;
  clear(box);
  if (session.user) {
    box.append(
      h("span", { class: "who", "data-testid": "signed-in-as" },
        h("span", { class: "avatar", "aria-hidden": "true" }, (session.user.username || "?").slice(0, 1).toUpperCase()),
        h("span", { class: "who-text" }, h("span", { class: "who-label" }, "Signed in as "), h("strong", {}, session.user.username))),
      h("button", { type: "button", class: "btn btn-quiet", onclick: signOut }, "Sign out"));
  } else if (session.checked) {
    const back = location.hash.startsWith("#/login") ? "" : "?next=" + encodeURIComponent(location.hash.slice(1) || "/events");
    box.append(h("a", { class: "btn btn-quiet", href: "#/login" + back }, "Sign in"));
  }
}

let current = { abort: null, cleanup: null };

async function route() {
  const raw = location.hash.replace(/^#/, "") || "/events";
  const [path, qs] = raw.split("?");
  const main = document.getElementById("main");
  if (current.abort) current.abort.abort();
  if (typeof current.cleanup === "function") { try { current.cleanup(); } catch { /* ignore */ } }
  const controller = new AbortController();
  current = { abort: controller, cleanup: null };

  const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  for (const a of document.querySelectorAll("[data-nav]")) {
    const on = match && a.dataset.nav === match.r.nav;
    a.classList.toggle("active", !!on);
    if (on) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  clear(main);
  if (!match) {
    main.append(errorBox({ status: 404, message: `There is no page at ${path}.` }));
    document.title = "Not found — milcoop";
    return;
  }
  try {
    const mod = await match.r.load();
    if (controller.signal.aborted) return;
    const params = match.m.slice(1).map(decodeURIComponent);
    const cleanup = await mod.render(main, {
      params, query: parseQuery(qs), path, signal: controller.signal, session, navigate, refreshMe,
    });
    if (!controller.signal.aborted) current.cleanup = cleanup;
  } catch (err) {
    if (err && err.name === "AbortError") return;
    if (controller.signal.aborted) return;
    console.error(err);
    clear(main);
    main.append(errorBox(err, () => route()));
  }
}

/** Label each cell of a data table with its column, so on a phone (rows shown as cards) every value says what it is. */
function labelCells(root) {
  for (const table of root.querySelectorAll("table.data-table")) {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (!heads.length) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => { if (heads[i] && !cell.dataset.label) cell.dataset.label = heads[i]; });
    }
  }
}

function start() {
  const main = document.getElementById("main");
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; labelCells(main); });
  }).observe(main, { childList: true, subtree: true });
  // Deep links served by the SPA fallback (/events/oc-1) become hash routes.
  if (!location.hash && location.pathname && location.pathname !== "/" && location.pathname !== "/index.html") {
    history.replaceState(null, "", "/#" + location.pathname + location.search);
  }
  window.addEventListener("hashchange", route);
  renderUserBox();
  refreshMe();
  route();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
