// 3. Person dossier: spellings, offices over time, occasions, documents.
import { api, get } from "../api.js";
import { h, svg, clear, badge, countryChip, countryName, flag, formatDate, humanize, loading, errorBox, period, plural, safeUrl } from "../dom.js";
import { searchForm } from "./people.js";

function toTime(iso, end = false) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
  if (!m) return null;
  const y = +m[1], mo = m[2] ? +m[2] - 1 : (end ? 11 : 0), d = m[3] ? +m[3] : (end ? 28 : 1);
  return Date.UTC(y, mo, d);
}

/** A tenure's span: the officials reference's dates, or "unknown" where nobody knows them (never the next sighting). */
export function termText(t) {
  if (t.basis === "news") return `unknown (seen ${formatDate(t.first_seen)} – ${formatDate(t.last_seen)})`;
  const end = t.end ? formatDate(t.end) : (t.in_office ? "in office" : "unknown");
  return `${t.start ? formatDate(t.start) : "unknown"} – ${end}`;
}

/** A sighting the officials reference contradicts, with the report it comes from. */
export function flagItem(f) {
  return h("li", {}, h("strong", {}, f.name), ` as ${humanize(f.role) || "—"}${f.country ? " of " + countryName(f.country) : ""} on ${formatDate(f.date)}: ${f.reason} `,
    h("a", { href: "#/events/" + encodeURIComponent(f.event_id) }, "report →"));
}

/** One horizontal bar per office on a shared time axis, with a dot for every dated report. */
function tenureChart(tenures, positions) {
  const now = new Date().toISOString().slice(0, 10);
  const rows = tenures.map((t) => ({
    label: `${humanize(t.role)}${t.country ? " · " + countryName(t.country) : ""}`,
    start: toTime(t.start || t.first_seen), end: toTime(t.end || (t.in_office ? now : t.last_seen), true), t,
    dots: positions.filter((p) => p.role === t.role && (!t.country || !p.country || p.country === t.country)).map((p) => toTime(p.date)).filter((x) => x !== null),
  })).filter((r) => r.start !== null);
  if (!rows.length) return h("p", { class: "muted" }, "No dated positions.");
  let min = Math.min(...rows.map((r) => r.start), ...rows.flatMap((r) => r.dots));
  let max = Math.max(...rows.map((r) => r.end ?? r.start), ...rows.flatMap((r) => r.dots));
  const y0 = new Date(min).getUTCFullYear(), y1 = new Date(max).getUTCFullYear() + 1;
  min = Date.UTC(y0, 0, 1); max = Date.UTC(y1, 0, 1);
  const W = 640, L = 0, rowH = 34, top = 22;
  const x = (t) => L + ((t - min) / (max - min)) * (W - L);
  const years = [];
  const step = Math.max(1, Math.ceil((y1 - y0) / 10));
  for (let y = y0; y <= y1; y += step) years.push(y);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${top + rows.length * rowH + 4}`, class: "tenure-chart", role: "img",
    "aria-label": "Offices over time: " + rows.map((r) => `${r.label}: ${termText(r.t)}`).join("; ") },
    years.map((y) => [svg("line", { x1: x(Date.UTC(y, 0, 1)), x2: x(Date.UTC(y, 0, 1)), y1: top - 4, y2: top + rows.length * rowH, class: "grid" }),
      svg("text", { x: x(Date.UTC(y, 0, 1)) + 3, y: 12, class: "axis" }, String(y))]),
    rows.map((r, i) => {
      const yy = top + i * rowH;
      const x1 = x(r.start), x2 = Math.max(x(r.end ?? r.start), x1 + 6);
      return svg("g", { class: "tenure-row" },
        svg("rect", { x: x1, y: yy + 6, width: x2 - x1, height: 18, rx: 4, class: r.t.basis === "reference" ? "tenure-bar" : "tenure-bar tenure-seen" },
          svg("title", {}, `${r.label}: ${termText(r.t)}`)),
        r.dots.map((d) => svg("circle", { cx: x(d), cy: yy + 15, r: 3, class: "tenure-dot" })));
    }));
  return h("div", { class: "tenure-block" },
    h("ul", { class: "tenure-labels", style: `--rows:${rows.length}` }, rows.map((r) => h("li", {}, r.label,
      h("span", { class: "muted small" }, ` ${termText(r.t)}${r.t.basis === "reference" ? " (reference)" : ""}`)))),
    h("div", { class: "tenure-svg" }, chart));
}

/** The officials reference's terms for this person: its own dates, unknown ones shown as unknown. */
function referencePanel(ref) {
  if (!ref) return null;
  const terms = (ref.terms || []).slice().sort((a, b) => String(a.start || "").localeCompare(String(b.start || "")));
  return h("section", { class: "panel reference-panel" }, h("h2", { class: "panel-title" }, "In the officials reference"),
    terms.length ? h("ul", { class: "plain-list" }, terms.map((t) => h("li", { class: "reference-term" },
      h("strong", {}, humanize(t.role)), t.country ? ` · ${countryName(t.country)}` : "", t.post ? ` (${t.post})` : "", ": ",
      h("span", { class: "nowrap" }, termText({ ...t, basis: "reference" })),
      safeUrl(t.source) ? [" ", h("a", { href: safeUrl(t.source), target: "_blank", rel: "noopener noreferrer", class: "small" }, "source ↗")] : null)))
      : h("p", { class: "muted" }, "No terms recorded."));
}

/** Signed-in analysts: merge another person found by name into this one. */
function mergePanel(p, reload) {
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const found = h("ul", { class: "plain-list merge-candidates" });
  const input = h("input", { id: "merge-q", name: "q", type: "search", placeholder: "Name in any script", required: true, autocomplete: "off" });
  const form = h("form", { class: "merge-person", role: "search", "aria-label": "Find a person to merge into this one" },
    h("label", { for: "merge-q" }, "Find the person to merge into this one"),
    h("div", { class: "field-row" }, input, h("button", { type: "submit", class: "btn" }, "Find")));
  const merge = async (other) => {
    status.textContent = "Merging…";
    status.className = "form-status";
    try {
      await api("/api/people/merge", { method: "POST", body: { ids: [p.id, other.id] } });
      await reload(`${other.name} merged into this person.`);
    } catch (err) {
      status.textContent = err.status === 401 ? "Your session has ended: sign in again." : err.message;
      status.className = "form-status error";
    }
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(found);
    status.textContent = "";
    try {
      const people = (await get("/api/people/search", { q: input.value.trim() })).filter((x) => x.id !== p.id);
      if (!people.length) { status.textContent = "Nobody else matches that name."; status.className = "form-status"; return; }
      for (const other of people) found.append(h("li", { class: "merge-candidate" },
        h("a", { href: "#/people/" + encodeURIComponent(other.id) }, other.name),
        other.country ? ` · ${countryName(other.country)}` : "",
        (other.spellings || []).length ? h("span", { class: "muted small" }, ` (${other.spellings.slice(0, 4).join(", ")})`) : null, " ",
        h("button", { type: "button", class: "btn btn-small", onclick: () => merge(other) }, `Merge ${other.name} into this person`)));
    } catch (err) {
      status.textContent = err.message;
      status.className = "form-status error";
    }
  });
  return h("section", { class: "panel review-person" }, h("h2", { class: "panel-title" }, "Merge"),
    h("p", { class: "small muted" }, "Two records that are one person: their mentions and spellings move here."), form, found, status);
}

function positionsTable(positions, p, splittable) {
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const table = h("table", { class: "data-table compact positions-table" },
    h("thead", {}, h("tr", {}, [splittable ? "Split" : null, "Date", "Named as", "Office", "Rank", "Country", "Reference", ""].filter((t) => t !== null).map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, positions.map((x, i) => h("tr", {},
      splittable ? h("td", {}, h("input", { type: "checkbox", name: "split", value: x.mention, "aria-label": `Split mention ${i + 1} (${x.as_named || p.name}, ${formatDate(x.date)}) off` })) : null,
      h("td", { class: "nowrap" }, formatDate(x.date)), h("td", {}, x.as_named || "—"), h("td", {}, humanize(x.role) || "—"),
      h("td", {}, humanize(x.rank) || "—"), h("td", {}, x.country ? countryChip(x.country) : "—"),
      h("td", { title: x.reason || "" }, x.check === "agrees" ? "agrees" : x.check === "flagged" ? ["contradicts: ", h("span", { class: "small" }, x.reason || "")] : "—"),
      h("td", {}, x.event ? h("a", { href: "#/events/" + encodeURIComponent(x.event) }, "occasion →") : null)))));
  const split = async () => {
    const picked = [...table.querySelectorAll("input[name=split]:checked")].map((x) => x.value);
    if (!picked.length) { status.textContent = "Tick the mentions to split off first."; status.className = "form-status"; return; }
    status.textContent = "Splitting…";
    status.className = "form-status";
    try {
      const res = await api(`/api/people/${encodeURIComponent(p.id)}/split`, { method: "POST", body: { participants: picked } });
      location.hash = "#/people/" + encodeURIComponent(res.id);
    } catch (err) {
      status.textContent = err.status === 401 ? "Your session has ended: sign in again." : err.message;
      status.className = "form-status error";
    }
  };
  return h("details", { class: "positions", open: splittable }, h("summary", {}, `All ${plural(positions.length, "mention")}`),
    h("div", { class: "table-wrap" }, table),
    splittable ? h("div", { class: "btn-row" }, h("button", { type: "button", class: "btn", onclick: split }, "Split ticked mentions into a new person")) : null,
    splittable ? status : null);
}

export async function render(main, { params, signal, navigate, session }) {
  const id = params[0];
  document.title = "Person — milcoop";
  main.append(loading("Loading dossier…"));
  let flash = "";
  const draw = async () => {
    const p = await get(`/api/people/${encodeURIComponent(id)}`, null, { signal });
    if (signal.aborted) return;
    document.title = `${p.name} — milcoop`;
    const positions = (p.positions || []).slice().sort((a, b) => String(a.date || "").localeCompare(String(b.date || "")));
    const occasions = (p.occasions || []).slice().sort((a, b) => String(b.date || "").localeCompare(String(a.date || "")));
    const docs = p.documents || [];
    const latest = positions.filter((x) => x.date && x.check !== "flagged").pop();
    const analyst = Boolean(session && session.user);
    const reload = async (msg) => { flash = msg; await draw(); };
    clear(main).append(h("div", { class: "person-page" },
      h("div", { class: "person-top" },
        h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, h("a", { href: "#/people" }, "People"), " / ", h("span", {}, p.name)),
        searchForm("", navigate)),
      h("header", { class: "person-head" },
        h("div", { class: "person-avatar", "aria-hidden": "true" }, (p.name || "?").split(/\s+/).map((s) => s[0]).slice(0, 2).join("")),
        h("div", {},
          h("h1", {}, p.name),
          h("p", { class: "event-sub" }, p.country ? [flag(p.country), " ", countryName(p.country)] : null,
            latest ? ` · ${humanize(latest.role)}${latest.rank ? ", " + humanize(latest.rank) : ""} (${formatDate(latest.date)})` : null,
            ` · ${plural(occasions.length, "occasion")}`),
          h("div", { class: "spellings", "aria-label": "Spellings" }, h("span", { class: "muted small" }, "Spellings: "),
            (p.spellings || []).map((s) => h("span", { class: "chip" }, s))))),
      flash ? h("div", { class: "flash", role: "status" }, flash) : null,
      h("div", { class: "person-grid" },
        h("section", { class: "panel" }, h("h2", { class: "panel-title" }, "Offices over time"),
          tenureChart(p.tenures || [], positions.filter((x) => x.check !== "flagged")),
          (p.tenures || []).length ? h("ul", { class: "plain-list small tenure-list" }, p.tenures.map((t) => h("li", {},
            h("strong", {}, humanize(t.role)), t.country ? ` · ${countryName(t.country)}` : "", ": ", termText(t), " ",
            h("span", { class: "muted" }, t.basis === "reference" ? "(officials reference)" : "(news reports: start and end unknown)")))) : null,
          (p.flags || []).length ? h("details", { class: "flags", open: true }, h("summary", {}, `${plural(p.flags.length, "sighting")} the officials reference contradicts`),
            h("ul", { class: "plain-list small" }, p.flags.map(flagItem))) : null,
          positions.length ? positionsTable(positions, p, analyst && positions.length > 1) : null),
        referencePanel(p.reference),
        analyst ? mergePanel(p, reload) : null,
        h("section", { class: "panel" }, h("h2", { class: "panel-title" }, `Occasions (${occasions.length})`),
          occasions.length ? h("div", { class: "table-wrap" }, h("table", { class: "data-table" },
            h("thead", {}, h("tr", {}, ["Date", "Type", "Countries", "Met with", "Sources"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, occasions.map((o) => h("tr", {},
              h("td", { class: "nowrap" }, h("a", { href: "#/events/" + encodeURIComponent(o.occasion) }, formatDate(o.date))),
              h("td", {}, (o.types || []).map((t) => badge(t))),
              h("td", {}, h("span", { class: "chips" }, (o.countries || []).map((c) => countryChip(c)))),
              h("td", {}, (o.partners || []).map((n, i) => [i ? ", " : "", h("a", { href: "#/people?q=" + encodeURIComponent(n) }, n)])),
              h("td", { class: "num" }, String(o.reports ?? "")))))))
            : h("p", { class: "muted" }, "No occasions.")),
        h("section", { class: "panel" }, h("h2", { class: "panel-title" }, `Documents (${docs.length})`),
          docs.length ? h("div", { class: "table-wrap" }, h("table", { class: "data-table" },
            h("thead", {}, h("tr", {}, ["Date", "Document", "Period", "Status", "Parties"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, docs.map((d) => h("tr", {},
              h("td", { class: "nowrap" }, d.occasion ? h("a", { href: "#/events/" + encodeURIComponent(d.occasion) }, formatDate(d.date)) : formatDate(d.date)),
              h("td", {}, humanize(d.type)), h("td", {}, period(d.period)), h("td", {}, badge(d.status || "mentioned", "status")),
              h("td", {}, h("span", { class: "chips" }, (d.countries || []).map((c) => countryChip(c)))))))))
            : h("p", { class: "muted" }, "No documents signed or mentioned at this person's occasions.")))));
  };
  try {
    await draw();
  } catch (err) {
    if (!signal.aborted) clear(main).append(errorBox(err));
    return;
  }
  const onSession = () => { if (!signal.aborted) draw().catch(() => {}); };
  session.listeners.add(onSession);
  return () => session.listeners.delete(onSession);
}
