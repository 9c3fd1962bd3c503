// 4. Documents register.
import { get } from "../api.js";
import { h, clear, badge, countryChip, formatDate, humanize, loading, errorBox, empty, period, plural, toQuery } from "../dom.js";
import { countrySelect } from "./timeline.js";

export async function render(main, { query, signal, navigate }) {
  document.title = "Documents — milcoop";
  const form = h("form", { class: "filters filters-compact", role: "search", "aria-label": "Filter documents" },
    countrySelect("country", "Country", query.country),
    countrySelect("partner", "Partner", query.partner, "Any partner"),
    h("div", { class: "field field-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/documents" }, "Reset")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate("#/documents" + toQuery(Object.fromEntries(new FormData(form))));
  });
  for (const sel of form.querySelectorAll("select")) sel.addEventListener("change", () => form.requestSubmit());
  const count = h("p", { class: "subtitle" }, "Plans, programmes and agreements, each listed once with its history.");
  const results = h("section", { "aria-live": "polite" }, loading("Loading documents…"));
  main.append(h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Documents register"), count)), form, results);

  let docs;
  try {
    docs = await get("/api/documents", { country: query.country, partner: query.partner }, { signal });
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
  count.textContent = `${plural(docs.length, "document")} · plans, programmes and agreements with their history.`;
  results.append(h("div", { class: "table-wrap" }, h("table", { class: "data-table documents-table" },
    h("caption", { class: "sr-only" }, "Documents register"),
    h("thead", {}, h("tr", {}, ["Type", "Period", "Parties", "Status", "History"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, docs.map((d) => h("tr", {},
      h("td", { class: "doc-type" }, h("strong", {}, humanize(d.type))),
      h("td", { class: "nowrap" }, period(d.period)),
      h("td", {}, h("span", { class: "chips" }, (d.countries || []).map((c) => countryChip(c)))),
      h("td", {}, badge(d.status || "mentioned", "status")),
      h("td", {}, h("ol", { class: "history" }, (d.history || []).map((x) => h("li", {},
        h("span", { class: "nowrap" }, formatDate(x.date)), " ", badge(x.status || "mentioned", "status"), " ",
        x.occasion ? h("a", { href: "#/events/" + encodeURIComponent(x.occasion) }, "occasion →") : null))))))))));
}
