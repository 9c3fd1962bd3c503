// 5. Event view: the occasion's facts, its reports, conflicts; review and correction for analysts.
import { api, get } from "../api.js";
import { h, clear, safeUrl, occasionTitle, badge, countryChip, countryName, flag, formatDate, humanize, loading, errorBox,
  empty, period, plural } from "../dom.js";
import { EVENT_TYPES } from "./timeline.js";

function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", { class: "panel-title" }, title), children);
}

function dl(rows) {
  return h("dl", { class: "facts-list" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "" &&
    !(Array.isArray(v) && !v.length)).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function personLink(name) {
  return h("a", { href: "#/people?q=" + encodeURIComponent(name) }, name);
}

function participantsTable(participants) {
  if (!participants.length) return h("p", { class: "muted" }, "No participants were named.");
  return h("div", { class: "table-wrap" }, h("table", { class: "data-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Role"),
      h("th", { scope: "col" }, "Rank"), h("th", { scope: "col" }, "Country"))),
    h("tbody", {}, participants.map((p) => h("tr", {},
      h("td", {}, personLink(p.name)), h("td", {}, humanize(p.role) || "—"), h("td", {}, humanize(p.rank) || "—"),
      h("td", {}, p.country ? countryChip(p.country) : "—"))))));
}

function reviewText(state) {
  return { confirmed: "Confirmed by an analyst", rejected: "Rejected by an analyst" }[state] || "Not reviewed yet";
}

function correctionText(c) {
  if (c === null || c === undefined) return "";
  if (typeof c !== "object") return String(c);
  const who = c.username || c.user || c.by;
  const when = c.at || c.created || c.date_corrected || c.time;
  const field = c.field;
  let value = c.value !== undefined ? c.value : c.new;
  if (value && typeof value === "object") value = Array.isArray(value) ? value.join(", ") : Object.values(value).filter(Boolean).join(", ");
  if (field) return `${humanize(field)} set to ${value === null || value === undefined || value === "" ? "—" : value}` +
    (who ? ` by ${who}` : "") + (when ? ` (${String(when).slice(0, 16).replace("T", " ")})` : "");
  return Object.entries(c).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(" · ");
}

function reviewPanel(detail, ctx, reload) {
  const { session } = ctx;
  const ev = detail.event || {};
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
    status.textContent = "Saving…";
    status.className = "form-status";
    try {
      await api(`/api/events/${encodeURIComponent(detail.id)}/review`, { method: "POST", body: { state: value } });
      await reload("Review saved.");
    } catch (err) {
      status.textContent = err.message;
      status.className = "form-status error";
    }
  };
  panel.append(h("div", { class: "btn-row" },
    h("button", { type: "button", class: "btn btn-confirm", "aria-pressed": String(state === "confirmed"), onclick: () => setState("confirmed") }, "✓ Confirm"),
    h("button", { type: "button", class: "btn btn-reject", "aria-pressed": String(state === "rejected"), onclick: () => setState("rejected") }, "✕ Reject"),
    state !== "unreviewed" ? h("button", { type: "button", class: "btn btn-quiet", onclick: () => setState(null) }, "Clear review") : null));

  const loc = ev.location || {};
  const types = new Set(ev.type || []);
  const form = h("form", { class: "correction-form", "aria-label": "Correct this occasion" },
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
    h("fieldset", { class: "types-field" }, h("legend", {}, "Types"),
      h("div", { class: "checks" }, EVENT_TYPES.map((t) => h("label", { class: "check" },
        h("input", { type: "checkbox", name: "type", value: t, checked: types.has(t) }), " ", humanize(t))))),
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn btn-primary" }, "Save correction")),
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const fd = new FormData(form);
    const patch = {};
    const date = String(fd.get("date") || "").trim() || null;
    if (date !== (ev.date || null)) patch.date = date;
    const city = String(fd.get("city") || "").trim() || null;
    const country = String(fd.get("country") || "").trim().toUpperCase() || null;
    if (city !== (loc.city || null) || country !== (loc.country || null)) patch.location = { city, country };
    const newTypes = fd.getAll("type").map(String);
    if (newTypes.join(",") !== [...(ev.type || [])].sort((a, b) => EVENT_TYPES.indexOf(a) - EVENT_TYPES.indexOf(b)).join(",")) patch.type = newTypes;
    if (!Object.keys(patch).length) { status.textContent = "Nothing to change."; status.className = "form-status"; return; }
    status.textContent = "Saving…";
    status.className = "form-status";
    try {
      await api(`/api/events/${encodeURIComponent(detail.id)}`, { method: "PATCH", body: patch });
      await reload("Correction saved.");
    } catch (err) {
      status.textContent = err.status === 401 ? "Your session has ended: sign in again." : err.message;
      status.className = "form-status error";
    }
  });
  panel.append(form);
  panel.append(mergeForm(detail, reload));
  return panel;
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
        r.published ? h("span", {}, formatDate(r.published)) : null,
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

function mergeForm(detail, reload) {
  // Two occasions the resolver kept apart that are one: merge the other into this one.
  const status = h("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const form = h("form", { class: "merge-form", "aria-label": "Merge another occasion into this one" },
    h("h3", {}, "Merge"),
    h("div", { class: "field" }, h("label", { for: "m-other" }, "Occasion to merge into this one"),
      h("input", { id: "m-other", name: "other", type: "text", placeholder: "oc-…", required: true,
        pattern: "oc-[A-Za-z0-9_-]+", title: "An occasion id, as in the address of its page (oc-…)" })),
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn" }, "Merge into this occasion")),
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const other = String(new FormData(form).get("other") || "").trim();
    if (other === detail.id) { status.textContent = "That is this occasion."; status.className = "form-status error"; return; }
    status.textContent = "Merging…";
    status.className = "form-status";
    try {
      await api("/api/events/merge", { method: "POST", body: { ids: [detail.id, other] } });
      await reload("Occasions merged.");
    } catch (err) {
      status.textContent = err.message;
      status.className = "form-status error";
    }
  });
  return form;
}

export async function render(main, ctx) {
  const { params, signal, session } = ctx;
  const id = params[0];
  document.title = "Occasion — milcoop";
  main.append(loading("Loading occasion…"));

  let flash = "";
  const draw = async () => {
    const detail = await get(`/api/events/${encodeURIComponent(id)}`, null, { signal });
    if (signal.aborted) return;
    const ev = detail.event || {};
    const loc = ev.location || {};
    const reports = detail.reports || [];
    const title = detail.title || occasionTitle({}, ev.type, ev.countries); // the one title, as listed
    document.title = `${title} — milcoop`;
    const place = [loc.city, loc.country ? countryName(loc.country) : null].filter(Boolean).join(", ");
    const participants = ev.participants || [];
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
          section("Facts", dl([
            ["Date", formatDate(ev.date)],
            ["Place", place || null],
            ["Countries", (ev.countries || []).length ? h("span", { class: "chips" }, ev.countries.map((c) => countryChip(c))) : null],
            ["Organisations", (ev.orgs || []).join(", ")],
            ["Areas", (ev.areas || []).map(humanize).join(", ")],
          ])),
          section(`Participants (${participants.length})`, participantsTable(participants)),
          (ev.documents || []).length ? section("Documents", h("ul", { class: "plain-list" }, ev.documents.map((d) =>
            h("li", {}, h("strong", {}, humanize(d.type)), " ", period(d.period), " ", badge(d.status || "mentioned", "status"))))) : null,
          (ev.exercises || []).length ? section("Exercises", h("ul", { class: "plain-list" }, ev.exercises.map((x) =>
            h("li", {}, h("strong", {}, x.name), " ", badge(x.status || "held", "status"))))) : null,
          reportsPanel(reports, detail, ctx)),
        h("aside", { class: "event-side" },
          reviewPanel(detail, ctx, async (msg) => { flash = msg; await draw(); }),
          (detail.corrections || []).length ? section("Corrections", h("ul", { class: "plain-list small" },
            detail.corrections.map((c) => h("li", {}, correctionText(c))))) : null)));
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
