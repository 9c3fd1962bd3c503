// 1. Timeline of events: filters, an overview (histogram by year, facets), year/month groups of cards or a
// sortable table, undated occasions counted beside the results, export of the current view, paging.
import { get } from "../api.js";
import { h, append, clear, occasionTitle, badge, countryChip, countryName, flag, formatDate, humanize, monthName, loading,
  errorBox, empty, pageHeader, plural, toQuery } from "../dom.js";

export const EVENT_TYPES = ["visit", "meeting", "signing", "exercise", "call", "multilateral", "award",
  "training", "industry", "deployment"];
// The default hides rejected occasions; "all" and "rejected" show them (the API's reviewed=).
const REVIEW = [["", "Not rejected"], ["all", "All, rejected too"], ["unreviewed", "Unreviewed"], ["confirmed", "Confirmed"],
  ["rejected", "Rejected"]];
const SORTS = [["-date", "Newest first"], ["date", "Oldest first"], ["sources", "Most sources"], ["title", "Title A–Z"]];
const PER_PAGE = 50;
// the filters the API reads (``view`` and ``page`` are the page's own)
const FILTER_KEYS = ["country", "partner", "type", "from", "to", "q", "reviewed", "include_undated"];
// a month 01-12, a day 01-31 (the API checks the calendar: 2013-02-30 is refused there, naming the field)
const DATE_PATTERN = "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?";

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
    field("from", "From", dateInput("from", query.from)),
    field("to", "To", dateInput("to", query.to)),
    h("div", { class: "field field-check" }, h("label", { for: "f-include_undated" },
      h("input", { id: "f-include_undated", name: "include_undated", type: "checkbox", value: "true",
        checked: query.include_undated === "true" }), " Include undated")),
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
    if (query.view) data.view = query.view;
    navigate("#/events" + toQuery(data));
  });
  // selects and the checkbox apply at once; text and dates on submit
  for (const sel of form.querySelectorAll("select, input[type=checkbox]")) sel.addEventListener("change", () => form.requestSubmit());
  return form;
}

/** A date field taking a year, a month or a day (2012, 2012-07, 2012-07-15), checked before it is sent. */
function dateInput(name, value) {
  return h("input", { id: "f-" + name, name, type: "text", value: value || "", inputmode: "numeric",
    pattern: DATE_PATTERN, placeholder: "2012, 2012-07 or 2012-07-15", title: "A year, a month or a day: 2012, 2012-07 or 2012-07-15",
    autocomplete: "off" });
}

/** The link to the timeline with ``changes`` applied to the current query (back to page 1). */
function withQuery(query, changes) {
  const q = { ...query, ...changes };
  delete q.page;
  for (const [k, v] of Object.entries(q)) if (v === null || v === undefined || v === "") delete q[k];
  return "#/events" + toQuery(q);
}

function apiFilters(query) {
  const params = {};
  for (const k of FILTER_KEYS) if (query[k]) params[k] = query[k];
  return params;
}

function histogram(facets, query) {
  const years = facets.years || [];
  if (!years.length && !facets.undated) return null;
  const max = Math.max(1, ...years.map((y) => y.count));
  const bar = (label, count, href, cls = "") => h("a", { class: "hist-bar " + cls, href, title: `${label}: ${plural(count, "occasion")}`,
    "aria-label": `${label}: ${plural(count, "occasion")}` },
    h("span", { class: "hist-count" }, String(count)),
    h("span", { class: "hist-fill", style: `height: ${count ? Math.max(4, Math.round((count / max) * 100)) : 0}%` }),
    h("span", { class: "hist-label" }, label));
  return h("figure", { class: "histogram", "aria-label": "Occasions by year" },
    h("figcaption", {}, "Occasions by year"),
    h("div", { class: "hist-bars" },
      years.map((y) => bar(y.value, y.count, withQuery(query, { from: y.value, to: y.value }), query.from === y.value && query.to === y.value ? "current" : "")),
      facets.undated ? bar("Undated", facets.undated, withQuery(query, { include_undated: "true" }), "hist-undated") : null));
}

function facetList(title, items, link, label = (i) => i.value) {
  if (!items.length) return null;
  return h("div", { class: "facet" }, h("h3", {}, title),
    h("ul", {}, items.slice(0, 8).map((i) => h("li", {},
      h("a", { href: link(i) }, label(i)), " ", h("span", { class: "facet-count" }, String(i.count))))));
}

function overview(facets, query) {
  const partnerKey = query.country ? "partner" : "country";
  const parties = (facets.partners || []).filter((p) => p.value !== query.country && p.value !== query.partner);
  return h("section", { class: "overview", "aria-label": "Overview" },
    histogram(facets, query),
    h("div", { class: "facets" },
      facetList("Type", facets.types || [], (i) => withQuery(query, { type: i.value }), (i) => humanize(i.value)),
      facetList(query.country ? "Partner" : "Country", parties, (i) => withQuery(query, { [partnerKey]: i.value }),
        (i) => `${flag(i.value)} ${i.label || countryName(i.value)}`.trim()),
      facetList("Year", (facets.years || []).filter((y) => y.count).sort((a, b) => b.count - a.count || b.value.localeCompare(a.value)),
        (i) => withQuery(query, { from: i.value, to: i.value }))));
}

function undatedNote(data, query) {
  if (!data.undated) return null;
  if (data.undated_included) {
    return query.include_undated === "true"
      ? h("p", { class: "undated-note" }, `Including ${plural(data.undated, "undated occasion")} (listed last). `,
        h("a", { href: withQuery(query, { include_undated: null }) }, "Leave them out"))
      : null;
  }
  return h("p", { class: "undated-note", role: "note" },
    `${plural(data.undated, "undated occasion")} also ${data.undated === 1 ? "matches" : "match"} the other filters: an undated occasion cannot be placed in a date range. `,
    h("a", { href: withQuery(query, { include_undated: "true" }) }, "Include undated"));
}

function exportLinks(query) {
  const link = (format, label) => h("a", { class: "btn btn-quiet", download: "",
    href: "/api/export" + toQuery({ of: "occasions", format, ...apiFilters(query) }) }, label);
  return h("div", { class: "page-actions" },
    h("div", { class: "view-switch", role: "group", "aria-label": "Show as" },
      h("a", { class: "btn" + (query.view === "table" ? "" : " active"), href: withQuery(query, { view: null }),
        "aria-current": query.view === "table" ? null : "page" }, "Timeline"),
      h("a", { class: "btn" + (query.view === "table" ? " active" : ""), href: withQuery(query, { view: "table" }),
        "aria-current": query.view === "table" ? "page" : null }, "Table")),
    link("csv", "Export CSV"), link("json", "Export JSON"));
}

const COLUMNS = [["date", "Date", "date"], ["title", "Occasion", "title"], ["countries", "Countries", null],
  ["types", "Type", null], ["sources", "Sources", "sources"]];

/** The occasions as a table; Date, Occasion and Sources sort the whole result (server-side). */
function occasionTable(items, query) {
  const sort = query.sort || "-date";
  const head = COLUMNS.map(([key, label, by]) => {
    if (!by) return h("th", { scope: "col" }, label);
    const on = sort.replace(/^-/, "") === by;
    const desc = sort.startsWith("-") || (by === "sources" && sort === "sources");
    // sources sorts "most first" as "sources" (no minus), the others newest/last first with a minus
    const next = by === "sources" ? (sort === "sources" ? "-sources" : "sources") : (sort === by ? "-" + by : by);
    const ariaSort = !on ? "none" : (by === "sources" ? (sort === "sources" ? "descending" : "ascending") : (desc ? "descending" : "ascending"));
    return h("th", { scope: "col", "aria-sort": ariaSort },
      h("a", { class: "sort-link", href: withQuery(query, { sort: next === "-date" ? null : next }) }, label,
        on ? h("span", { "aria-hidden": "true" }, ariaSort === "descending" ? " ▼" : " ▲") : null));
  });
  return h("div", { class: "table-wrap" }, h("table", { class: "data-table occasions-table" },
    h("thead", {}, h("tr", {}, head)),
    h("tbody", {}, items.map((ev) => h("tr", { "data-event-id": ev.id },
      h("td", { class: "nowrap" }, h("time", { datetime: ev.date || "" }, formatDate(ev.date))),
      h("td", {}, h("a", { href: "#/events/" + encodeURIComponent(ev.id) }, occasionTitle(ev))),
      h("td", {}, (ev.countries || []).map(countryName).join(", ")),
      h("td", {}, (ev.types || []).map(humanize).join(", ")),
      h("td", { class: "num" }, String(ev.sources || 0)))))));
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
  if (query.include_undated === "true") parts.push(["include_undated", "with undated"]);
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
    ev.title_local ? h("p", { class: "card-subtitle", lang: ev.lang || null }, ev.title_local) : null,
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
  const side = h("div", { class: "overview-slot" });
  append(main, [
    h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Timeline"), count), exportLinks(query)),
    filterForm(query, navigate),
    activeFilters(query),
    side,
    results]);

  const load = async () => {
    clear(results).append(loading("Loading events…"));
    results.setAttribute("aria-busy", "true");
    const page = Math.max(1, parseInt(query.page || "1", 10) || 1);
    const params = { ...apiFilters(query), per_page: PER_PAGE, page, facets: "true" };
    if (query.sort) params.sort = query.sort;
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
    clear(side);
    results.setAttribute("aria-busy", "false");
    const total = data.total || 0;
    if (data.facets) side.append(overview(data.facets, query));
    if (!total || !(data.items || []).length) {
      count.textContent = data.undated && !data.undated_included
        ? `No dated occasions found; ${plural(data.undated, "undated occasion")} ${data.undated === 1 ? "matches" : "match"}.`
        : "No occasions found.";
      results.append(undatedNote(data, query) || empty("No events match these filters",
        "Try a wider date range, another country, or remove the text search."),
        h("p", { class: "center" }, h("a", { class: "btn", href: "#/events" }, "Clear all filters")));
      return;
    }
    const first = (data.page - 1) * data.per_page + 1;
    const last = first + data.items.length - 1;
    count.textContent = `${total.toLocaleString("en")} ${total === 1 ? "occasion" : "occasions"} · showing ${first}–${last}`
      + (data.undated && !data.undated_included ? ` · ${data.undated} undated not shown` : "");
    if (query.view === "table") {
      append(results, [undatedNote(data, query), occasionTable(data.items, query), pager(data, query)]);
      return;
    }
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
    append(results, [undatedNote(data, query), tl, pager(data, query)]);
  };
  await load();
}
