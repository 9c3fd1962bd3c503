// People index: search by any spelling, and the office holders known from the reports.
import { get } from "../api.js";
import { h, append, clear, countryChip, countryName, flag, formatDate, humanize, loading, errorBox, empty, plural } from "../dom.js";
import { flagItem, termText } from "./person.js";

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

export async function render(main, { query, signal, navigate }) {
  document.title = "People — milcoop";
  const results = h("section", { class: "people-results", "aria-live": "polite" });
  const offices = h("section", { class: "offices" }, loading("Loading office holders…"));
  main.append(
    h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "People"),
      h("p", { class: "subtitle" }, "Officials named in the reports, with every spelling merged into one dossier."))),
    searchForm(query.q, navigate), results, offices);

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

  try {
    const data = await get("/api/people", {}, { signal });
    if (signal.aborted) return;
    clear(offices);
    const tenures = (data.tenures || []).slice().sort((a, b) =>
      String(a.country || "").localeCompare(String(b.country || "")) || String(a.role).localeCompare(String(b.role)) ||
      String(b.start || b.last_seen || "").localeCompare(String(a.start || a.last_seen || "")));
    if (!tenures.length) { offices.append(empty("No office holders yet", "Ingest articles to see who held which office.")); return; }
    append(offices, [h("h2", { class: "section-title" }, "Office holders"),
      h("div", { class: "table-wrap" }, h("table", { class: "data-table" },
        h("thead", {}, h("tr", {}, ["Country", "Office", "Name", "Term", "Source", "Reports"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, tenures.map((t) => h("tr", {},
          h("td", {}, t.country ? countryChip(t.country) : "—"),
          h("td", {}, humanize(t.role)),
          h("td", {}, t.person_id ? h("a", { href: "#/people/" + encodeURIComponent(t.person_id) }, t.name) : t.name),
          h("td", { class: "nowrap" }, termText(t)),
          h("td", {}, t.basis === "reference" ? "officials reference" : "news"),
          h("td", { class: "num" }, String(t.observations ?? ""))))))),
      (data.flags || []).length ? h("details", { class: "panel" }, h("summary", {}, `${plural(data.flags.length, "sighting")} the officials reference contradicts`),
        h("ul", { class: "plain-list small" }, data.flags.map(flagItem))) : null]);
  } catch (err) {
    if (!signal.aborted) clear(offices).append(errorBox(err));
  }
}
