// DOM helpers. Everything that shows data goes through text nodes: no innerHTML anywhere.

/**
 * h("a", {href: "#/x", class: "c", onclick: fn}, "text", child, [more])
 * Strings and numbers become text nodes; null/undefined/false are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = tag.includes(":")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.split(":")[1])
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (URL_ATTRS.has(key) && !isLocalOrWeb(String(value))) continue; // never a javascript:/data: link
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "style") {
      el.style.cssText = String(value); // through the CSSOM: allowed by the CSP, a style attribute is not
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href"]);

function isLocalOrWeb(value) {
  return /^[#/?]/.test(value) && !value.startsWith("//") || safeUrl(value) !== null;
}

/** ``url`` if it is an absolute http(s) URL, else null: javascript:, data: and the like never become links. */
export function safeUrl(url) {
  if (typeof url !== "string" || !url.trim()) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

export function svg(tag, attrs, ...children) {
  return h("svg:" + tag, attrs, ...children);
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const regionNames = (() => {
  try { return new Intl.DisplayNames(["en"], { type: "region" }); } catch { return null; }
})();

export function countryName(code) {
  if (!code) return "";
  const c = String(code).toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return String(code);
  try { return (regionNames && regionNames.of(c)) || c; } catch { return c; }
}

/** Whether this system draws regional-indicator pairs as (coloured) flags. */
export const FLAGS = (() => {
  try {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 24;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.textBaseline = "top";
    ctx.font = "20px sans-serif";
    ctx.fillText("\u{1F1FA}\u{1F1F8}", 0, 0);
    const px = ctx.getImageData(0, 0, 24, 24).data;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] && (Math.abs(px[i] - px[i + 1]) > 20 || Math.abs(px[i + 1] - px[i + 2]) > 20)) return true;
    }
    return false;
  } catch { return false; }
})();

/** The flag emoji of a country code, or "" where the system has no flag glyphs. */
export function flag(code) {
  const c = String(code || "").toUpperCase();
  if (!FLAGS || !/^[A-Z]{2}$/.test(c)) return "";
  return String.fromCodePoint(...[...c].map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65));
}

/** A country chip: flag + name, linking to the timeline of that country. */
export function countryChip(code, { link = true } = {}) {
  const f = flag(code);
  const label = [f ? h("span", { class: "flag", "aria-hidden": "true" }, f) : h("span", { class: "cc", "aria-hidden": "true" }, String(code).toUpperCase()),
    " ", countryName(code)];
  return link
    ? h("a", { class: "chip country", href: "#/events?country=" + encodeURIComponent(code), title: countryName(code) }, label)
    : h("span", { class: "chip country", title: countryName(code) }, label);
}

export function badge(text, kind = "") {
  return h("span", { class: `badge ${kind ? "badge-" + kind : ""} type-${String(text).replace(/[^a-z0-9_-]/gi, "")}` }, humanize(text));
}

export function humanize(value) {
  if (value === null || value === undefined || value === "") return "";
  const s = String(value).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

export function monthName(m) { return MONTHS[Number(m) - 1] || ""; }

/** "2012-07-03" -> "3 July 2012"; partial dates ("2012-07", "2012") kept partial. */
export function formatDate(iso) {
  if (!iso) return "Date unknown";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(iso));
  if (!m) return String(iso);
  const [, y, mo, d] = m;
  if (d) return `${Number(d)} ${monthName(mo)} ${y}`;
  if (mo) return `${monthName(mo)} ${y}`;
  return y;
}

export function period(p) {
  if (!p) return "—";
  if (Array.isArray(p)) return p.length === 2 && p[0] !== p[1] ? `${p[0]}–${p[1]}` : String(p[0]);
  return String(p);
}

export function loading(text = "Loading…") {
  return h("div", { class: "state state-loading", role: "status", "aria-live": "polite" },
    h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

export function errorBox(err, retry) {
  const msg = (err && err.message) || String(err);
  return h("div", { class: "state state-error", role: "alert" },
    h("strong", {}, err && err.status === 404 ? "Not found" : "Something went wrong"),
    h("p", {}, msg),
    retry ? h("button", { type: "button", class: "btn", onclick: retry }, "Try again") : null);
}

export function empty(title, text) {
  return h("div", { class: "state state-empty" }, h("strong", {}, title), text ? h("p", {}, text) : null);
}

export function pageHeader(title, subtitle, ...extra) {
  return h("div", { class: "page-header" },
    h("div", {}, h("h1", {}, title), subtitle ? h("p", { class: "subtitle" }, subtitle) : null),
    extra.length ? h("div", { class: "page-actions" }, extra) : null);
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

/** Parse "a=1&b=2" into a plain object without empty values. */
export function parseQuery(qs) {
  const out = {};
  for (const [k, v] of new URLSearchParams(qs || "")) if (v !== "") out[k] = v;
  return out;
}

export function toQuery(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}

/** A readable title for an occasion: the article's title, or its type and parties. */
export function occasionTitle(ev, types, countries) {
  if (ev && ev.title) return ev.title;
  const t = (types || ev.types || ev.type || [])[0] || "meeting";
  const cs = (countries || ev.countries || []).map(countryName);
  const label = { visit: "Visit", meeting: "Meeting", signing: "Signing", exercise: "Exercise", call: "Phone call",
    multilateral: "Multilateral meeting", award: "Award", training: "Training", industry: "Defence industry",
    deployment: "Deployment" }[t] || humanize(t);
  return cs.length ? `${label}: ${cs.join(" – ")}` : label;
}
