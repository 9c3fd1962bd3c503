// 5. Event view, evidence first: every fact of the occasion with the quote behind it and a link to
// its highlight in the article; its reports and conflicts; the analyst's review (views/review.js).
import { api, get } from "../api.js";
import { h, clear, safeUrl, occasionTitle, badge, countryChip, countryName, flag, formatDate, humanize, loading, errorBox,
  period, plural } from "../dom.js";
import { reviewPanel, auditPanel } from "./review.js";

function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", { class: "panel-title" }, title), children);
}

/** The article page's address that highlights one quote. */
export function quoteHref(q) {
  return `#/articles/${encodeURIComponent(q.article_id)}?start=${q.start}&end=${q.end}`;
}

function quoteLine(q) {
  return h("blockquote", { class: "quote" + (q.exact ? "" : " quote-sentence"), "data-testid": "quote" },
    h("span", { class: "quote-text" }, "“", q.before, q.before || q.after ? h("mark", { class: "quote-words" }, q.text) : q.text,
      q.after, "”"), " ",
    h("a", { class: "quote-link", href: quoteHref(q) }, q.exact ? "Show in article →" : "The event's sentence →"));
}

/** The first quote of a fact, the others folded; or why there is none. */
function quotes(list, missing = "No quote: no report states this.") {
  if (!list || !list.length) return h("p", { class: "quote-missing muted small", "data-testid": "no-quote" }, missing);
  const seen = new Set();
  const distinct = list.filter((q) => !seen.has(q.text) && seen.add(q.text));
  const [first, ...rest] = distinct;
  return h("div", { class: "quotes" }, quoteLine(first),
    rest.length ? h("details", { class: "more-quotes" }, h("summary", {}, `${plural(rest.length, "more quote")}`), rest.map(quoteLine)) : null);
}

function factRow(testid, label, value, quoteList, missing) {
  return h("li", { class: "fact-row", "data-testid": testid },
    h("div", { class: "fact-head" }, label ? h("span", { class: "fact-label" }, label) : null, h("span", { class: "fact-value" }, value)),
    quotes(quoteList, missing));
}

function participantRow(p, q) {
  const details = [humanize(p.role), humanize(p.rank)].filter(Boolean).join(" · ");
  return factRow("participant", null, [
    h("a", { class: "person-name", href: "#/people?q=" + encodeURIComponent(p.name) }, p.name),
    details ? h("span", { class: "muted" }, " — ", details) : null,
    p.country ? [" ", countryChip(p.country)] : null], q, "No quote: an analyst added or renamed this participant.");
}

function documentRow(d, q) {
  return factRow("document", null, [
    h("strong", {}, d.title || humanize(d.type)), d.title ? h("span", { class: "muted" }, ` (${humanize(d.type)})`) : null,
    d.period ? ` ${period(d.period)} ` : " ", badge(d.status || "mentioned", "status")], q,
  "No quote: an analyst added or changed this document.");
}

function exerciseRow(x, q) {
  return factRow("exercise", null, [h("strong", {}, x.name), " ", badge(x.status || "held", "status")], q,
    "No quote: an analyst added or renamed this exercise.");
}

function factsPanel(ev, evidence, place) {
  const listRow = (label, items) => (items ? h("li", { class: "fact-row" },
    h("div", { class: "fact-head" }, h("span", { class: "fact-label" }, label), h("span", { class: "fact-value" }, items))) : null);
  return section("Facts", h("ul", { class: "fact-rows" },
    factRow("fact-date", "Date", formatDate(ev.date), ev.date ? evidence.date : [],
      ev.date ? "No quote: the date comes from the report's publication date or an analyst." : "No report gives a date."),
    factRow("fact-place", "Place", place || "Unknown", place ? evidence.place : [],
      place ? "No quote: no report names this place in its text." : "No report gives a place."),
    listRow("Countries", (ev.countries || []).length ? h("span", { class: "chips" }, ev.countries.map((c) => countryChip(c))) : null),
    listRow("Organisations", (ev.orgs || []).join(", ")),
    listRow("Areas", (ev.areas || []).map(humanize).join(", "))));
}

function conflictValues(values) {
  // the API keys each value by the report that gives it; show each distinct value once
  if (Array.isArray(values)) return values;
  return [...new Set(Object.values(values || {}).map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))))];
}

function conflictsPanel(conflicts) {
  if (!conflicts || !conflicts.length) return null;
  return h("section", { class: "panel conflicts", "aria-labelledby": "conflicts-title" },
    h("h2", { class: "panel-title", id: "conflicts-title" }, "⚠ Sources disagree"),
    h("p", { class: "muted small" }, "The reports of this occasion give different values for these facts."),
    h("ul", { class: "conflict-list" }, conflicts.map((c) => h("li", {},
      h("strong", {}, humanize(c.field)), ": ",
      conflictValues(c.values).map((v, i) => [i ? h("span", { class: "muted" }, " vs ") : null,
        h("code", {}, typeof v === "object" && v !== null ? (Array.isArray(v) ? v.join(", ") : Object.values(v).filter(Boolean).join(", ")) : String(v))])))));
}

function hostOf(url) {
  const safe = safeUrl(url);
  return safe ? new URL(safe).hostname.replace(/^www\./, "") : "";
}

function reportsPanel(reports, detail, ctx) {
  reports = reports || [];
  // An analyst may split reports that are not about this occasion off into a new one.
  const splittable = Boolean(ctx.session.user) && reports.length > 1;
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const list = !reports.length ? h("p", { class: "muted" }, "No reports.") :
    h("ol", { class: "report-list" }, reports.map((r, i) => h("li", { class: "report" },
      splittable ? h("label", { class: "check report-pick" },
        h("input", { type: "checkbox", name: "split", value: r.event_id, "aria-label": `Move report ${i + 1} to a new occasion` }),
        " Move") : null,
      h("a", { class: "report-title", href: "#/articles/" + encodeURIComponent(r.article_id) }, r.title || [r.external_id, r.url ? hostOf(r.url) : null].filter(Boolean).join(" · ") || "Article " + r.article_id),
      h("div", { class: "report-meta" },
        h("span", { "data-testid": "report-published" }, r.published ? "Published " + formatDate(r.published) : "Publication date unknown"),
        r.lang ? h("span", { class: "lang" }, String(r.lang).toUpperCase()) : null,
        r.event && r.event.date ? h("span", {}, "reports the date as ", formatDate(r.event.date)) : null,
        safeUrl(r.url) ? h("a", { href: safeUrl(r.url), target: "_blank", rel: "noopener noreferrer nofollow", class: "external" }, "Original ↗") : null,
        h("a", { href: "#/articles/" + encodeURIComponent(r.article_id) }, "Evidence in text")))));
  const split = async () => {
    const picked = [...list.querySelectorAll("input[name=split]:checked")].map((x) => x.value);
    if (!picked.length) { status.textContent = "Tick the reports to move first."; status.className = "form-status"; return; }
    status.textContent = "Splitting…";
    status.className = "form-status";
    try {
      const res = await api(`/api/events/${encodeURIComponent(detail.id)}/split`, { method: "POST", body: { event_ids: picked } });
      location.hash = "#/events/" + encodeURIComponent(res.id);
    } catch (err) {
      status.textContent = err.message;
      status.className = "form-status error";
    }
  };
  return section(`Reports (${reports.length})`, list,
    splittable ? h("div", { class: "btn-row" },
      h("button", { type: "button", class: "btn", onclick: split }, "Split ticked reports into a new occasion")) : null,
    splittable ? status : null);
}

function correctionText(c) {
  let value = c.value;
  if (value && typeof value === "object") {
    value = Array.isArray(value)
      ? value.map((v) => (v && typeof v === "object" ? v.name || v.title || v.type || JSON.stringify(v) : v)).join(", ")
      : Object.values(value).filter(Boolean).join(", ");
  }
  return `${humanize(c.field)} set to ${value === null || value === undefined || value === "" ? "—" : value}` +
    (c.user ? ` by ${c.user}` : "") + (c.at ? ` (${String(c.at).slice(0, 16).replace("T", " ")})` : "");
}

export async function render(main, ctx) {
  const { params, signal, session } = ctx;
  const id = params[0];
  document.title = "Occasion — milcoop";
  main.append(loading("Loading occasion…"));

  let flash = "";
  const draw = async () => {
    const detail = await get(`/api/events/${encodeURIComponent(id)}`, null, { signal });
    const trail = session.user
      ? await get(`/api/events/${encodeURIComponent(detail.id)}/audit`, null, { signal }).catch(() => null) : null;
    if (signal.aborted) return;
    const ev = detail.event || {};
    const loc = ev.location || {};
    const reports = detail.reports || [];
    const evidence = detail.evidence || {};
    const title = detail.title || occasionTitle({}, ev.type, ev.countries); // the one title, as listed
    document.title = `${title} — milcoop`;
    const place = [loc.city, loc.country ? countryName(loc.country) : null].filter(Boolean).join(", ");
    const participants = ev.participants || [];
    const reload = async (msg) => { flash = msg; await draw(); };
    const body = h("div", { class: "event-page" },
      h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, h("a", { href: "#/events" }, "Timeline"), " / ", h("span", {}, id)),
      h("header", { class: "event-head" },
        h("div", { class: "badges" }, (ev.type || []).map((t) => badge(t)),
          detail.review_state && detail.review_state !== "unreviewed" ? badge(detail.review_state, "review") : null,
          (detail.corrections || []).length ? badge("corrected", "corrected") : null),
        h("h1", {}, title),
        h("p", { class: "event-sub" },
          h("time", { datetime: ev.date || "", "data-testid": "event-date" }, formatDate(ev.date)),
          place ? [" · ", loc.country ? flag(loc.country) + " " : "", h("span", { "data-testid": "event-place" }, place)] : null,
          " · ", plural(reports.length, "source"))),
      flash ? h("div", { class: "flash", role: "status" }, flash) : null,
      h("div", { class: "event-grid" },
        h("div", { class: "event-main" },
          conflictsPanel(detail.conflicts),
          detail.note ? h("section", { class: "panel note-panel", "aria-labelledby": "note-title" },
            h("h2", { class: "panel-title", id: "note-title" }, "Analyst's note"),
            h("p", { class: "note-text", "data-testid": "note" }, detail.note)) : null,
          factsPanel(ev, evidence, place),
          section(`Participants (${participants.length})`, participants.length
            ? h("ul", { class: "fact-rows participants" }, participants.map((p, i) => participantRow(p, (evidence.participants || [])[i])))
            : h("p", { class: "muted" }, "No participants were named.")),
          (ev.documents || []).length ? section(`Documents (${ev.documents.length})`, h("ul", { class: "fact-rows" },
            ev.documents.map((d, i) => documentRow(d, (evidence.documents || [])[i])))) : null,
          (ev.exercises || []).length ? section(`Exercises (${ev.exercises.length})`, h("ul", { class: "fact-rows" },
            ev.exercises.map((x, i) => exerciseRow(x, (evidence.exercises || [])[i])))) : null,
          reportsPanel(reports, detail, ctx)),
        h("aside", { class: "event-side" },
          await reviewPanel(detail, ctx, reload),
          trail ? auditPanel(trail) : (detail.corrections || []).length ? section("Corrections", h("ul", { class: "plain-list small" },
            detail.corrections.map((c) => h("li", {}, correctionText(c))))) : null)));
    if (signal.aborted) return;
    clear(main).append(body);
  };
  try {
    await draw();
  } catch (err) {
    if (signal.aborted) return;
    clear(main).append(errorBox(err, () => { clear(main).append(loading()); draw().catch((e) => clear(main).append(errorBox(e))); }));
  }
  const onSession = () => { if (!signal.aborted) draw().catch(() => {}); };
  session.listeners.add(onSession);
  return () => session.listeners.delete(onSession);
}
