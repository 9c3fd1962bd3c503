// The analyst's review of an occasion on its page: confirm or reject, correct every field of the
// record, a free-text note, merge another occasion found by search, and the occasion's audit trail.
// Everything is sent through PATCH /api/events/{id} and read back through the one occasion view.
import { api, get } from "../api.js";
import { h, countryName, formatDate, humanize, occasionTitle, plural } from "../dom.js";

let vocabulary = null;
/** The closed lists a correction may use (types, roles, ranks, ...), from the server: one source. */
function loadVocabulary() {
  if (!vocabulary) vocabulary = get("/api/vocabulary").catch((err) => { vocabulary = null; throw err; });
  return vocabulary;
}

function reviewText(state) {
  return { confirmed: "Confirmed by an analyst", rejected: "Rejected by an analyst" }[state] || "Not reviewed yet";
}

function setStatus(el, text, error = false) {
  el.textContent = text;
  el.className = "form-status" + (error ? " error" : "");
}

function labelled(label, control, cls = "") {
  return h("label", { class: "field " + cls }, h("span", { class: "field-label" }, label), control);
}

function select(name, options, value, { blank = "—" } = {}) {
  return h("select", { name }, blank !== null ? h("option", { value: "" }, blank) : null,
    options.map((o) => h("option", { value: o, selected: o === value }, humanize(o))));
}

const listText = (items) => (items || []).join(", ");
const splitList = (text) => [...new Set(String(text || "").split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
const orNull = (v) => (v === undefined || v === "" ? null : v);

/** "2013" -> [2013]; "2013-2015" -> [2013, 2015]; "" -> null; else an Error naming the field. */
export function parsePeriod(text, where) {
  const t = String(text || "").trim();
  if (!t) return null;
  const m = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(t);
  if (!m) throw new Error(`${where}: the period must be a year or two years (2013 or 2013–2015), not “${t}”`);
  return m[2] ? [Number(m[1]), Number(m[2])] : [Number(m[1])];
}

function removeButton(what) {
  return h("button", { type: "button", class: "btn btn-quiet btn-small remove-row", "aria-label": `Remove this ${what}`,
    onclick: (e) => e.currentTarget.closest(".edit-row").remove() }, "✕");
}

const ROWS = {
  participant: (p, v) => h("div", { class: "edit-row", "data-kind": "participant", "data-surface": p.surface || "" },
    labelled("Name", h("input", { name: "participant-name", type: "text", value: p.name || "", required: true, maxlength: "200" }), "grow"),
    labelled("Role", select("participant-role", v.roles, p.role)),
    labelled("Rank", select("participant-rank", v.ranks, p.rank)),
    labelled("Country", h("input", { name: "participant-country", type: "text", value: p.country || "", maxlength: "2", size: "3",
      pattern: "[A-Za-z]{2}", title: "Two-letter country code, e.g. KZ" }), "narrow"),
    removeButton("participant")),
  document: (d, v) => h("div", { class: "edit-row", "data-kind": "document" },
    labelled("Type", select("document-type", v.document_types, d.type, { blank: null })),
    labelled("Title as reported", h("input", { name: "document-title", type: "text", value: d.title || "", maxlength: "500" }), "grow"),
    labelled("Period", h("input", { name: "document-period", type: "text", value: d.period ? d.period.join("–") : "", size: "9",
      placeholder: "2013–2015" }), "narrow"),
    labelled("Status", select("document-status", v.document_statuses, d.status || "mentioned", { blank: null })),
    removeButton("document")),
  exercise: (x, v) => h("div", { class: "edit-row", "data-kind": "exercise" },
    labelled("Name", h("input", { name: "exercise-name", type: "text", value: x.name || "", required: true, maxlength: "200" }), "grow"),
    labelled("Status", select("exercise-status", v.exercise_statuses, x.status || "held", { blank: null })),
    removeButton("exercise")),
};

function rowsField(kind, title, items, vocab) {
  const list = h("div", { class: "edit-rows", "data-rows": kind }, items.map((item) => ROWS[kind](item, vocab)));
  return h("fieldset", { class: "edit-group" }, h("legend", {}, title), list,
    h("button", { type: "button", class: "btn btn-quiet btn-small", onclick: () => {
      const row = ROWS[kind]({}, vocab);
      list.append(row);
      row.querySelector("input, select").focus();
    } }, `+ Add ${kind}`));
}

// Row controls are named "<kind>-<field>" so the form's own fields (type, ...) never collect them.
const value = (row, name) => String(row.querySelector(`[name=${row.dataset.kind}-${name}]`)?.value || "").trim();

function readRows(form, kind) {
  return [...form.querySelectorAll(`[data-rows=${kind}] > .edit-row`)].map((row, i) => {
    const where = `${humanize(kind)} ${i + 1}`;
    if (kind === "participant") {
      const p = { name: value(row, "name"), country: orNull(value(row, "country").toUpperCase()),
        role: orNull(value(row, "role")), rank: orNull(value(row, "rank")) };
      if (row.dataset.surface) p.surface = row.dataset.surface;
      return p;
    }
    if (kind === "document") {
      return { type: value(row, "type"), period: parsePeriod(value(row, "period"), where), status: value(row, "status"),
        title: orNull(value(row, "title")) };
    }
    return { name: value(row, "name"), status: value(row, "status") };
  });
}

/** The current record in the shape the form produces, to send only the fields that changed. */
function shapeOf(ev) {
  return {
    date: ev.date || null,
    location: { city: (ev.location || {}).city || null, country: (ev.location || {}).country || null },
    type: [...(ev.type || [])].sort(),
    countries: ev.countries || [],
    orgs: ev.orgs || [],
    areas: [...(ev.areas || [])].sort(),
    participants: (ev.participants || []).map((p) => ({ name: p.name, country: p.country || null, role: p.role || null,
      rank: p.rank || null, ...(p.surface ? { surface: p.surface } : {}) })),
    documents: (ev.documents || []).map((d) => ({ type: d.type, period: d.period || null, status: d.status || "mentioned",
      title: d.title || null })),
    exercises: (ev.exercises || []).map((x) => ({ name: x.name, status: x.status || "held" })),
  };
}

function correctionForm(detail, vocab, reload) {
  const ev = detail.event || {};
  const loc = ev.location || {};
  const checks = (name, options, chosen) => h("div", { class: "checks" }, options.map((t) => h("label", { class: "check" },
    h("input", { type: "checkbox", name, value: t, checked: (chosen || []).includes(t) }), " ", humanize(t))));
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h("form", { class: "correction-form", "aria-label": "Correct this occasion", novalidate: false },
    h("h3", {}, "Correct the record"),
    h("p", { class: "muted small" }, "Corrections are kept when the articles are extracted again."),
    h("div", { class: "field" }, h("label", { for: "c-date" }, "Date"),
      h("input", { id: "c-date", name: "date", type: "text", value: ev.date || "", placeholder: "YYYY-MM-DD",
        pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", title: "YYYY, YYYY-MM or YYYY-MM-DD", inputmode: "numeric" })),
    h("div", { class: "field-row" },
      h("div", { class: "field" }, h("label", { for: "c-city" }, "City"),
        h("input", { id: "c-city", name: "city", type: "text", value: loc.city || "" })),
      h("div", { class: "field field-narrow" }, h("label", { for: "c-country" }, "Country code"),
        h("input", { id: "c-country", name: "country", type: "text", value: loc.country || "", maxlength: "2",
          pattern: "[A-Za-z]{2}", title: "Two-letter country code, e.g. KZ", autocapitalize: "characters" }))),
    h("fieldset", { class: "types-field" }, h("legend", {}, "Types"), checks("type", vocab.types, ev.type)),
    h("div", { class: "field" }, h("label", { for: "c-countries" }, "Countries (codes)"),
      h("input", { id: "c-countries", name: "countries", type: "text", value: listText(ev.countries), placeholder: "KZ, TR",
        pattern: "\\s*([A-Za-z]{2}[\\s,;]*)*", title: "Two-letter country codes separated by commas" })),
    h("div", { class: "field" }, h("label", { for: "c-orgs" }, "Organisations"),
      h("input", { id: "c-orgs", name: "orgs", type: "text", value: listText(ev.orgs), placeholder: "CSTO, SCO",
        title: "Organisation codes separated by commas: " + vocab.orgs.join(", ") })),
    h("fieldset", { class: "types-field" }, h("legend", {}, "Areas"), checks("area", vocab.areas, ev.areas)),
    rowsField("participant", "Participants", ev.participants || [], vocab),
    rowsField("document", "Documents", ev.documents || [], vocab),
    rowsField("exercise", "Exercises", ev.exercises || [], vocab),
    h("div", { class: "field" }, h("label", { for: "c-note" }, "Note"),
      h("textarea", { id: "c-note", name: "note", rows: "3", maxlength: "4000",
        placeholder: "Why you corrected, confirmed or rejected this occasion" }, detail.note || "")),
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn btn-primary" }, "Save correction")),
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const fd = new FormData(form);
    let now;
    try {
      now = {
        date: String(fd.get("date") || "").trim() || null,
        location: { city: String(fd.get("city") || "").trim() || null, country: String(fd.get("country") || "").trim().toUpperCase() || null },
        type: fd.getAll("type").map(String).sort(),
        countries: splitList(fd.get("countries")),
        orgs: splitList(fd.get("orgs")),
        areas: fd.getAll("area").map(String).sort(),
        participants: readRows(form, "participant"),
        documents: readRows(form, "document"),
        exercises: readRows(form, "exercise"),
      };
    } catch (err) {
      setStatus(status, err.message, true);
      return;
    }
    const before = shapeOf(ev);
    const patch = {};
    for (const [k, v] of Object.entries(now)) if (JSON.stringify(v) !== JSON.stringify(before[k])) patch[k] = v;
    const note = String(fd.get("note") || "").trim();
    if (note !== (detail.note || "")) patch.note = note || null;
    if (!Object.keys(patch).length) { setStatus(status, "Nothing to change."); return; }
    setStatus(status, "Saving…");
    try {
      await api(`/api/events/${encodeURIComponent(detail.id)}`, { method: "PATCH", body: patch });
      await reload("Correction saved.");
    } catch (err) {
      setStatus(status, err.status === 401 ? "Your session has ended: sign in again." : err.message, true);
    }
  });
  return form;
}

function mergeSearch(detail, reload) {
  // Two occasions the resolver kept apart that are one: find the other by words, place or parties, and pick it.
  const ev = detail.event || {};
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const results = h("ul", { class: "merge-results", "aria-label": "Occasions to merge" });
  const input = h("input", { id: "m-search", name: "q", type: "search", autocomplete: "off",
    placeholder: "Words, names or places" });
  const merge = async (other) => {
    setStatus(status, "Merging…");
    try {
      await api("/api/events/merge", { method: "POST", body: { ids: [detail.id, other.id] } });
      await reload("Occasions merged.");
    } catch (err) {
      setStatus(status, err.message, true);
    }
  };
  const show = (items, heading) => {
    results.replaceChildren();
    const others = items.filter((o) => o.id !== detail.id);
    setStatus(status, others.length ? heading : "No other occasion matches.");
    for (const o of others.slice(0, 8)) {
      const label = occasionTitle(o);
      results.append(h("li", { class: "merge-hit", "data-event-id": o.id },
        h("div", { class: "merge-hit-text" },
          h("a", { href: "#/events/" + encodeURIComponent(o.id) }, label),
          h("span", { class: "muted small" }, ` ${formatDate(o.date)} · ${(o.countries || []).map(countryName).join(", ")} · ${plural(o.sources || 1, "source")}`)),
        h("button", { type: "button", class: "btn btn-small", "aria-label": `Merge “${label}” into this occasion`,
          onclick: () => merge(o) }, "Merge into this")));
    }
  };
  const search = async (params, heading) => {
    try {
      const res = await get("/api/events", { ...params, reviewed: "all", per_page: 9 });
      show(res.items || [], heading);
    } catch (err) {
      setStatus(status, err.message, true);
    }
  };
  const form = h("form", { class: "merge-form", role: "search", "aria-label": "Find an occasion to merge into this one" },
    h("h3", {}, "Merge"),
    h("div", { class: "field" }, h("label", { for: "m-search" }, "Find the occasion to merge into this one"),
      h("div", { class: "search-row" }, input, h("button", { type: "submit", class: "btn" }, "Search"))),
    status, results);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) { setStatus(status, "Type words, a name or a place to search.", true); return; }
    search({ q }, `Occasions matching “${q}”:`);
  });
  const [a, b] = ev.countries || [];
  if (a) {  // likely twins first: the same parties
    const label = [a, b].filter(Boolean).map(countryName).join(" and ");
    form.append(h("button", { type: "button", class: "btn btn-quiet btn-small", onclick: () =>
      search({ country: a, partner: b }, `Occasions of ${label}:`) }, `Show other occasions of ${label}`));
  }
  return form;
}

const ACTIONS = { correct: "corrected", review: "reviewed", merge: "merged", split: "split", lockout: "locked out" };

function auditSummary(entry) {
  const after = entry.after || {}, before = entry.before || {};
  const show = (v) => (v === null || v === undefined || v === "" ? "—" : Array.isArray(v)
    ? v.map((x) => (x && typeof x === "object" ? x.name || x.title || x.type : x)).join(", ") || "—"
    : typeof v === "object" ? Object.values(v).filter(Boolean).join(", ") || "—" : String(v));
  if (entry.action === "review") return `review: ${show(before.review_state)} → ${show(after.review_state)}`;
  if (entry.action === "merge") return `merged ${plural((after.events || []).length, "report")} into ${after.occasion}`;
  if (entry.action === "split") return `split ${plural((after.events || []).length, "report")} off into ${after.occasion}`;
  return Object.keys(after).map((k) => `${humanize(k)}: ${show(before[k])} → ${show(after[k])}`).join("; ");
}

/** The occasion's audit trail, newest first. */
export function auditPanel(trail) {
  return h("section", { class: "panel audit-panel", "aria-labelledby": "audit-title" },
    h("h2", { class: "panel-title", id: "audit-title" }, "Audit trail"),
    trail.length ? h("ol", { class: "audit-list" }, trail.map((a) => h("li", { "data-testid": "audit-entry" },
      h("div", { class: "audit-who small" }, h("strong", {}, a.user), ` ${ACTIONS[a.action] || a.action} · `,
        h("time", { datetime: a.at }, String(a.at).slice(0, 16).replace("T", " "))),
      h("div", { class: "audit-what small" }, auditSummary(a)))))
      : h("p", { class: "muted small" }, "No analyst has changed this occasion."));
}

export async function reviewPanel(detail, ctx, reload) {
  const { session } = ctx;
  const panel = h("section", { class: "panel review-panel", "aria-labelledby": "review-title" },
    h("h2", { class: "panel-title", id: "review-title" }, "Analyst review"));
  const state = detail.review_state || "unreviewed";
  panel.append(h("p", { class: `review-state state-${state}`, "data-testid": "review-state" },
    h("span", { class: "dot", "aria-hidden": "true" }), reviewText(state)));
  if (!session.user) {
    panel.append(h("p", { class: "muted" },
      h("a", { href: "#/login?next=" + encodeURIComponent("/events/" + detail.id) }, "Sign in"),
      " to confirm, reject or correct this occasion."));
    return panel;
  }
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const setState = async (value) => {
    setStatus(status, "Saving…");
    try {
      await api(`/api/events/${encodeURIComponent(detail.id)}/review`, { method: "POST", body: { state: value } });
      await reload("Review saved.");
    } catch (err) {
      setStatus(status, err.message, true);
    }
  };
  panel.append(h("div", { class: "btn-row" },
    h("button", { type: "button", class: "btn btn-confirm", "aria-pressed": String(state === "confirmed"), onclick: () => setState("confirmed") }, "✓ Confirm"),
    h("button", { type: "button", class: "btn btn-reject", "aria-pressed": String(state === "rejected"), onclick: () => setState("rejected") }, "✕ Reject"),
    state !== "unreviewed" ? h("button", { type: "button", class: "btn btn-quiet", onclick: () => setState(null) }, "Clear review") : null), status);
  let vocab;
  try {
    vocab = await loadVocabulary();
  } catch (err) {
    panel.append(h("p", { class: "form-status error" }, `The correction form could not load: ${err.message}`));
    return panel;
  }
  panel.append(correctionForm(detail, vocab, reload), mergeSearch(detail, reload));
  return panel;
}
