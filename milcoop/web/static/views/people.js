// People index: search by any spelling, and the office holders known from the reports.
import { get } from "../api.js";
import { h, append, clear, countryChip, countryName, flag, formatDate, humanize, loading, errorBox, empty, plural, safeUrl, toQuery } from "../dom.js";
import { flagItem, termText } from "./person.js";
import { countrySelect } from "./timeline.js";

export function searchForm(value, navigate) {
  const input = h("input", { id: "person-q", name: "q", type: "search", value: value || "", placeholder: "Any spelling: Жаксылыков, Zhaksylykov…", required: true });
  const form = h("form", { class: "person-search", role: "search", "aria-label": "Search people" },
    h("label", { for: "person-q", class: "sr-only" }, "Search people"), input,
    h("button", { type: "submit", class: "btn btn-primary" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate("#/people?q=" + encodeURIComponent(input.value.trim()));
  });
  return form;
}

const ROLES = ["head_of_state", "head_of_government", "defense_minister", "deputy_defense_minister", "chief_of_general_staff",
  "commander", "ambassador", "military_attache", "industry_official"];
const OFFICE_FILTERS = ["role", "country", "on"];
const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Role, country and date: who held which office, or who held one office on a day, month or year. */
function officeForm(query, navigate) {
  const role = h("select", { id: "f-role", name: "role" }, h("option", { value: "" }, "Any office"),
    ROLES.map((r) => h("option", { value: r, selected: r === query.role }, humanize(r))));
  const on = h("input", { id: "f-on", name: "on", type: "text", value: query.on || "", placeholder: "2016, 2016-09 or 2016-09-13", inputmode: "numeric", autocomplete: "off" });
  const status = h("p", { class: "form-status", role: "status" });
  const form = h("form", { class: "filters people-filters", role: "search", "aria-label": "Filter office holders" },
    h("div", { class: "field" }, h("label", { for: "f-role" }, "Office"), role),
    countrySelect("country", "Country", query.country),
    h("div", { class: "field" }, h("label", { for: "f-on" }, "Held on (date, month or year)"), on),
    h("div", { class: "field field-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/people" + toQuery({ q: query.q }) }, "Reset")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    values.on = (values.on || "").trim();
    if (values.on && !ISO_DATE.test(values.on)) { status.className = "form-status error"; status.textContent = "Give the date as 2016, 2016-09 or 2016-09-13."; on.focus(); return; }
    if (values.on && !values.role) { status.className = "form-status error"; status.textContent = "Choose an office to ask who held it on that date."; role.focus(); return; }
    navigate("#/people" + toQuery({ q: query.q, ...values }));
  });
  for (const sel of form.querySelectorAll("select")) sel.addEventListener("change", () => { if (!on.value.trim() || role.value) form.requestSubmit(); });
  return h("div", { class: "office-filters" }, form, status);
}

function officeHeading(query, n) {
  const office = query.role ? humanize(query.role) : "Office holders";
  const where = query.country ? ` · ${countryName(query.country)}` : "";
  if (query.on) return `${office}${where} ${query.on.length === 10 ? "on" : "in"} ${formatDate(query.on)}: ${plural(n, "holder")}`;
  return `${office}${where}: ${plural(n, "term")}`;
}

/** Where a term comes from: the officials reference (with its source) or the reports alone. */
function basisCell(t) {
  if (t.basis !== "reference") return h("span", { class: "basis basis-news", title: "Seen in the reports; the start and end of the term are not known" }, "news reports");
  const src = safeUrl(t.source);
  return h("span", { class: "basis basis-reference" }, h("span", {}, "officials reference"),
    src ? [" ", h("a", { href: src, rel: "noopener noreferrer", target: "_blank", class: "small" }, "source ↗")] : null);
}

export async function render(main, { query, signal, navigate }) {
  document.title = "People — milcoop";
  const results = h("section", { class: "people-results", "aria-live": "polite" });
  const offices = h("section", { class: "offices", "aria-live": "polite" }, loading("Loading office holders…"));
  main.append(
    h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "People"),
      h("p", { class: "subtitle" }, "Officials named in the reports, with every spelling merged into one dossier."))),
    searchForm(query.q, navigate), results, h("h2", { class: "section-title" }, "Who held which office"), officeForm(query, navigate), offices);

  if (query.q) {
    results.append(loading("Searching…"));
    try {
      const found = await get("/api/people/search", { q: query.q }, { signal });
      if (signal.aborted) return;
      clear(results);
      if (!found.length) results.append(empty(`No one matches “${query.q}”`, "Try another spelling or only the surname."));
      else results.append(h("h2", { class: "section-title" }, `${plural(found.length, "person", "people")} matching “${query.q}”`),
        h("ul", { class: "person-results" }, found.map((p) => h("li", {},
          h("a", { class: "person-result", href: "#/people/" + encodeURIComponent(p.id) },
            h("strong", {}, p.name), p.country ? h("span", { class: "muted" }, ` ${flag(p.country)} ${countryName(p.country)}`) : null,
            (p.spellings || []).length ? h("span", { class: "spellings small muted" }, "also: " + p.spellings.filter((s) => s !== p.name).slice(0, 6).join(", ")) : null)))));
    } catch (err) {
      if (!signal.aborted) clear(results).append(errorBox(err));
    }
  }

  if (query.on && !query.role) {
    clear(offices).append(empty("Choose an office", "Who held which office on a date needs the office (and usually the country)."));
    return;
  }
  try {
    const filters = Object.fromEntries(OFFICE_FILTERS.filter((k) => query[k]).map((k) => [k, query[k]]));
    const data = await get("/api/people", filters, { signal });
    if (signal.aborted) return;
    clear(offices);
    const tenures = (data.tenures || []).slice().sort((a, b) =>
      String(a.country || "").localeCompare(String(b.country || "")) || String(a.role).localeCompare(String(b.role)) ||
      String(a.start || a.first_seen || "").localeCompare(String(b.start || b.first_seen || "")));
    if (!tenures.length) {
      offices.append(empty(query.on ? "Nobody known in this office then" : "No office holders match",
        query.on ? "Neither the officials reference nor the reports name a holder of this office on that date." : "Ingest articles to see who held which office."));
    } else {
      append(offices, [h("h3", { class: "offices-title" }, officeHeading(query, tenures.length)),
        h("div", { class: "table-wrap" }, h("table", { class: "data-table office-table" },
          h("thead", {}, h("tr", {}, ["Country", "Office", "Name", "Term", "Basis", "Reports"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, tenures.map((t) => h("tr", {},
            h("td", {}, t.country ? countryChip(t.country) : "—"),
            h("td", {}, humanize(t.role)),
            h("td", { class: "holder" }, t.person_id ? h("a", { href: "#/people/" + encodeURIComponent(t.person_id) }, t.name) : t.name),
            h("td", { class: "nowrap term" }, termText(t)),
            h("td", {}, basisCell(t)),
            h("td", { class: "num" }, String(t.observations ?? "")))))))]);
    }
    if ((data.flags || []).length) offices.append(h("details", { class: "panel flags" }, h("summary", {}, `${plural(data.flags.length, "sighting")} the officials reference contradicts`),
      h("ul", { class: "plain-list small" }, data.flags.map(flagItem))));
  } catch (err) {
    if (!signal.aborted) clear(offices).append(errorBox(err));
  }
}
