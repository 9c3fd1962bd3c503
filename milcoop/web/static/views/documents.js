// 4. Documents register: each document once, its name as reported, parties, period and status history,
// every status with its date and the sentence it rests on; filters, sort and an export of the filtered list.
import { get } from "../api.js";
import { h, clear, badge, countryChip, countryName, formatDate, humanize, loading, errorBox, empty, period, plural, toQuery } from "../dom.js";
import { countrySelect } from "./timeline.js";

const TYPES = ["plan", "program", "agreement", "memorandum", "protocol", "contract", "roadmap", "other"];
const STATUSES = ["signed", "ratified", "drafting", "planned", "mentioned"];
const SORTS = { "-date": "Latest first", date: "Oldest first", type: "Type", status: "Status (furthest first)", parties: "Parties" };
const FILTERS = ["country", "partner", "type", "status", "year", "sort"];

function choice(name, label, options, value, anyLabel) {
  const select = h("select", { id: "f-" + name, name },
    anyLabel ? h("option", { value: "" }, anyLabel) : null,
    Object.entries(options).map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  return h("div", { class: "field" }, h("label", { for: "f-" + name }, label), select);
}

/** The filters of the page's query, as the API reads them. */
function filtersOf(query) {
  return Object.fromEntries(FILTERS.filter((k) => query[k]).map((k) => [k, query[k]]));
}

/** A document's name: as the report gives it, else its kind, parties and period. */
export function documentName(d) {
  if (d.title) return d.title;
  const parties = (d.countries || []).map(countryName).join("–");
  return [humanize(d.type), parties ? "· " + parties : "", d.period ? "· " + period(d.period) : ""].filter(Boolean).join(" ");
}

function historyItem(x) {
  return h("li", { class: "history-item" },
    h("span", { class: "nowrap" }, x.date ? formatDate(x.date) : "Date unknown"), " ", badge(x.status || "mentioned", "status"),
    x.corrected ? h("span", { class: "muted small" }, " (analyst's correction)") : null, " ",
    x.occasion ? h("a", { href: "#/events/" + encodeURIComponent(x.occasion) }, "occasion →") : null,
    x.quote ? h("blockquote", { class: "doc-quote" }, x.quote) : null);
}

export async function render(main, { query, signal, navigate }) {
  document.title = "Documents — milcoop";
  const yearInput = h("input", { id: "f-year", name: "year", type: "number", min: 1900, max: 2200, step: 1, value: query.year || "", placeholder: "Any year", inputmode: "numeric" });
  const form = h("form", { class: "filters documents-filters", role: "search", "aria-label": "Filter documents" },
    countrySelect("country", "Country", query.country),
    countrySelect("partner", "Partner", query.partner, "Any partner"),
    choice("type", "Type", Object.fromEntries(TYPES.map((t) => [t, humanize(t)])), query.type, "Any type"),
    choice("status", "Status", Object.fromEntries(STATUSES.map((s) => [s, humanize(s)])), query.status, "Any status"),
    h("div", { class: "field" }, h("label", { for: "f-year" }, "Year"), yearInput),
    choice("sort", "Sort", SORTS, query.sort || "-date"),
    h("div", { class: "field field-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/documents" }, "Reset")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    if (values.sort === "-date") delete values.sort;
    navigate("#/documents" + toQuery(values));
  });
  for (const sel of form.querySelectorAll("select")) sel.addEventListener("change", () => form.requestSubmit());
  const filters = filtersOf(query);
  const exportLink = (format) => h("a", { class: "btn", href: "/api/documents/export" + toQuery({ ...filters, format }), download: `milcoop-documents.${format}` }, `Export ${format.toUpperCase()}`);
  const count = h("p", { class: "subtitle" }, "Plans, programmes and agreements, each listed once with its history.");
  const results = h("section", { "aria-live": "polite" }, loading("Loading documents…"));
  main.append(h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Documents register"), count),
    h("div", { class: "page-actions" }, exportLink("csv"), exportLink("json"))), form, results);

  let docs;
  try {
    docs = await get("/api/documents", filters, { signal });
  } catch (err) {
    if (!signal.aborted) clear(results).append(errorBox(err));
    return;
  }
  if (signal.aborted) return;
  clear(results);
  if (!docs.length) {
    results.append(empty("No documents match these filters", "Documents appear when an article reports a plan or agreement."));
    return;
  }
  const undated = docs.filter((d) => !(d.history || []).some((x) => x.date)).length;
  count.textContent = `${plural(docs.length, "document")}${undated ? ` (${undated} with no known date)` : ""} · each with its status history and the sentence behind each status.`;
  results.append(h("div", { class: "table-wrap" }, h("table", { class: "data-table documents-table" },
    h("caption", { class: "sr-only" }, "Documents register"),
    h("thead", {}, h("tr", {}, ["Document", "Type", "Period", "Parties", "Status", "History"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, docs.map((d) => h("tr", { dataset: { id: d.id } },
      h("td", { class: "doc-name" }, d.title ? h("strong", {}, `«${d.title}»`) : h("strong", { class: "muted" }, documentName(d))),
      h("td", { class: "doc-type" }, humanize(d.type)),
      h("td", { class: "nowrap doc-period" }, period(d.period)),
      h("td", { class: "doc-parties" }, h("span", { class: "chips" }, (d.countries || []).map((c) => countryChip(c)))),
      h("td", { class: "doc-status" }, badge(d.status || "mentioned", "status")),
      h("td", { class: "doc-history" }, h("ol", { class: "history" }, (d.history || []).map(historyItem)))))))));
}
