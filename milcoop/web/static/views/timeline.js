// 1. Timeline of events: filters, year/month groups, cards, paging.
import { get } from "../api.js";
import { h, append, clear, occasionTitle, badge, countryChip, countryName, flag, formatDate, monthName, loading, errorBox,
  empty, pageHeader, plural, toQuery } from "../dom.js";

export const EVENT_TYPES = ["visit", "meeting", "signing", "exercise", "call", "multilateral", "award",
  "training", "industry", "deployment"];
// The default hides rejected occasions; "all" and "rejected" show them (the API's reviewed=).
const REVIEW = [["", "Not rejected"], ["all", "All, rejected too"], ["unreviewed", "Unreviewed"], ["confirmed", "Confirmed"],
  ["rejected", "Rejected"]];
const SORTS = [["-date", "Newest first"], ["date", "Oldest first"], ["sources", "Most sources"]];
const PER_PAGE = 50;
const FILTER_KEYS = ["country", "partner", "type", "from", "to", "q", "reviewed", "sort"];

let countryCache = null;
export async function countryOptions() {
  if (!countryCache) {
    countryCache = get("/api/network").then((net) =>
      (net.nodes || []).map((n) => ({ code: n.id, label: n.label || countryName(n.id), events: n.events }))
        .sort((a, b) => a.label.localeCompare(b.label)))
      .catch(() => { countryCache = null; return []; });
  }
  return countryCache;
}

export function countrySelect(name, label, value, anyLabel = "Any country") {
  const select = h("select", { id: "f-" + name, name }, h("option", { value: "" }, anyLabel));
  const option = (code, label, selected) => h("option", { value: code, selected, dataset: { label } }, `${flag(code)} ${label}`.trim());
  if (value) select.append(option(value, countryName(value), true));
  countryOptions().then((opts) => {
    for (const o of opts) {
      if (o.code === value) continue;
      select.append(option(o.code, o.label || countryName(o.code), false));
    }
    // keep alphabetical order with the selected one in place
    const items = [...select.options].slice(1).sort((a, b) => a.dataset.label.localeCompare(b.dataset.label));
    for (const it of items) select.append(it);
    select.value = value || "";
  });
  return h("div", { class: "field" }, h("label", { for: "f-" + name }, label), select);
}

function field(name, label, input) {
  return h("div", { class: "field" }, h("label", { for: "f-" + name }, label), input);
}

function filterForm(query, navigate) {
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    field("q", "Search", h("input", { id: "f-q", name: "q", type: "search", value: query.q || "", placeholder: "Name, place, title…" })),
    countrySelect("country", "Country", query.country),
    countrySelect("partner", "Partner", query.partner, "Any partner"),
    field("type", "Type", h("select", { id: "f-type", name: "type" }, h("option", { value: "" }, "Any type"),
      EVENT_TYPES.map((t) => h("option", { value: t, selected: query.type === t }, t.charAt(0).toUpperCase() + t.slice(1))))),
    field("from", "From", h("input", { id: "f-from", name: "from", type: "date", value: query.from || "" })),
    field("to", "To", h("input", { id: "f-to", name: "to", type: "date", value: query.to || "" })),
    field("reviewed", "Review", h("select", { id: "f-reviewed", name: "reviewed" },
      REVIEW.map(([v, l]) => h("option", { value: v, selected: (query.reviewed || "") === v }, l)))),
    field("sort", "Order", h("select", { id: "f-sort", name: "sort" },
      SORTS.map(([v, l]) => h("option", { value: v, selected: (query.sort || "-date") === v }, l)))),
    h("div", { class: "field field-actions" },
      h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/events" }, "Reset")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (data.sort === "-date") delete data.sort;
    navigate("#/events" + toQuery(data));
  });
  // selects apply at once; text and dates on submit
  for (const sel of form.querySelectorAll("select")) sel.addEventListener("change", () => form.requestSubmit());
  return form;
}

function activeFilters(query) {
  const parts = [];
  if (query.country) parts.push(["country", `${flag(query.country)} ${countryName(query.country)}`]);
  if (query.partner) parts.push(["partner", `with ${flag(query.partner)} ${countryName(query.partner)}`]);
  if (query.type) parts.push(["type", query.type]);
  if (query.from) parts.push(["from", `from ${formatDate(query.from)}`]);
  if (query.to) parts.push(["to", `until ${formatDate(query.to)}`]);
  if (query.q) parts.push(["q", `“${query.q}”`]);
  if (query.reviewed) parts.push(["reviewed", query.reviewed === "all" ? "rejected too" : query.reviewed]);
  if (!parts.length) return null;
  return h("div", { class: "active-filters", "aria-label": "Active filters" },
    parts.map(([key, text]) => {
      const rest = { ...query };
      delete rest[key];
      delete rest.page;
      return h("a", { class: "filter-pill", href: "#/events" + toQuery(rest), title: "Remove this filter" },
        text, h("span", { "aria-hidden": "true", class: "x" }, "×"), h("span", { class: "sr-only" }, " (remove)"));
    }));
}

export function eventCard(ev) {
  const place = [ev.city, ev.country ? countryName(ev.country) : null].filter(Boolean).join(", ");
  const participants = ev.participants || [];
  const shown = participants.slice(0, 6);
  return h("article", { class: `event-card review-${ev.review_state || "unreviewed"}`, "data-event-id": ev.id },
    h("div", { class: "card-top" },
      h("time", { class: "card-date", datetime: ev.date || "" }, formatDate(ev.date)),
      h("span", { class: "badges" }, (ev.types || []).map((t) => badge(t)),
        ev.review_state && ev.review_state !== "unreviewed" ? badge(ev.review_state, "review") : null,
        ev.corrected ? badge("corrected", "corrected") : null)),
    h("h3", { class: "card-title" }, h("a", { href: "#/events/" + encodeURIComponent(ev.id) }, occasionTitle(ev))),
    h("dl", { class: "card-facts" },
      place ? [h("dt", {}, "Place"), h("dd", {}, flag(ev.country) ? h("span", { class: "flag", "aria-hidden": "true" }, flag(ev.country) + " ") : null, place)] : null,
      (ev.countries || []).length ? [h("dt", {}, "Countries"), h("dd", { class: "chips" }, ev.countries.map((c) => countryChip(c)))] : null,
      (ev.orgs || []).length ? [h("dt", {}, "Organisations"), h("dd", {}, ev.orgs.join(", "))] : null,
      shown.length ? [h("dt", {}, "Participants"), h("dd", { class: "participants" },
        shown.join(" · "), participants.length > shown.length ? h("span", { class: "muted" }, ` · +${participants.length - shown.length} more`) : null)] : null),
    h("div", { class: "card-foot" },
      h("span", { class: "sources", title: "Number of news reports of this occasion" }, plural(ev.sources || 0, "source")),
      h("a", { class: "card-open", href: "#/events/" + encodeURIComponent(ev.id) }, "Open occasion →")));
}

function groupByMonth(items) {
  const years = new Map();
  for (const ev of items) {
    const m = /^(\d{4})(?:-(\d{2}))?/.exec(ev.date || "");
    const y = m ? m[1] : "Undated";
    const mo = m && m[2] ? m[2] : "";
    if (!years.has(y)) years.set(y, new Map());
    const months = years.get(y);
    if (!months.has(mo)) months.set(mo, []);
    months.get(mo).push(ev);
  }
  return years;
}

function pager(data, query) {
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  const page = data.page;
  if (pages <= 1) return null;
  const link = (p, text, label, cls = "") => {
    const q = { ...query, page: p > 1 ? p : undefined };
    return h("a", { class: "page-link " + cls, href: "#/events" + toQuery(q), "aria-label": label || `Page ${p}`,
      "aria-current": p === page && !cls ? "page" : null }, text);
  };
  const nums = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...nums].sort((a, b) => a - b);
  const items = [];
  let prev = 0;
  for (const p of sorted) {
    if (p - prev > 1) items.push(h("span", { class: "page-gap", "aria-hidden": "true" }, "…"));
    items.push(link(p, String(p)));
    prev = p;
  }
  return h("nav", { class: "pager", "aria-label": "Pages" },
    page > 1 ? link(page - 1, "← Previous", "Previous page", "page-prev") : h("span", { class: "page-link disabled page-prev" }, "← Previous"),
    h("span", { class: "page-numbers" }, items),
    page < pages ? link(page + 1, "Next →", "Next page", "page-next") : h("span", { class: "page-link disabled page-next" }, "Next →"));
}

export async function render(main, { query, signal, navigate }) {
  document.title = "Timeline — milcoop";
  const results = h("section", { class: "timeline-results", "aria-live": "polite", "aria-busy": "true" }, loading("Loading events…"));
  const count = h("p", { class: "subtitle result-count" }, "Occasions of military cooperation, newest first.");
  append(main, [
    h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Timeline"), count)),
    filterForm(query, navigate),
    activeFilters(query),
    results]);

  const load = async () => {
    clear(results).append(loading("Loading events…"));
    results.setAttribute("aria-busy", "true");
    const page = Math.max(1, parseInt(query.page || "1", 10) || 1);
    const params = { per_page: PER_PAGE, page };
    for (const k of FILTER_KEYS) if (query[k]) params[k] = query[k];
    let data;
    try {
      data = await get("/api/events", params, { signal });
    } catch (err) {
      if (signal.aborted) return;
      clear(results).append(errorBox(err, load));
      results.setAttribute("aria-busy", "false");
      return;
    }
    if (signal.aborted) return;
    clear(results);
    results.setAttribute("aria-busy", "false");
    const total = data.total || 0;
    if (!total || !(data.items || []).length) {
      count.textContent = "No occasions found.";
      results.append(empty("No events match these filters",
        "Try a wider date range, another country, or remove the text search."),
        h("p", { class: "center" }, h("a", { class: "btn", href: "#/events" }, "Clear all filters")));
      return;
    }
    const first = (data.page - 1) * data.per_page + 1;
    const last = first + data.items.length - 1;
    count.textContent = `${total.toLocaleString("en")} ${total === 1 ? "occasion" : "occasions"} · showing ${first}–${last}`;
    const tl = h("div", { class: "timeline" });
    for (const [year, months] of groupByMonth(data.items)) {
      const yearSec = h("section", { class: "tl-year", "aria-label": year }, h("h2", { class: "tl-year-label" }, year));
      for (const [mo, evs] of months) {
        yearSec.append(h("div", { class: "tl-month" },
          h("h3", { class: "tl-month-label" }, mo ? monthName(mo) : "Month unknown",
            h("span", { class: "tl-count" }, String(evs.length))),
          h("div", { class: "tl-cards" }, evs.map((ev) => h("div", { class: "tl-item" },
            h("span", { class: "tl-dot", "aria-hidden": "true" }), eventCard(ev))))));
      }
      tl.append(yearSec);
    }
    append(results, [tl, pager(data, query)]);
  };
  await load();
}
