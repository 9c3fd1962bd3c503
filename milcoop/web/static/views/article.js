// 6. Article view: the (untrusted) text with each fact's evidence highlighted.
// The text is only ever put into the page with text nodes (document.createTextNode).
import { get } from "../api.js";
import { h, clear, safeUrl, formatDate, humanize, loading, errorBox } from "../dom.js";

const KINDS = [
  ["participant", "Participants"],
  ["document", "Documents"],
  ["exercise", "Exercises"],
  ["event", "Events"],
];
const SPECIFICITY = { participant: 0, document: 1, exercise: 2, event: 3, quote: 4 };

/** Split the text into segments at every fact boundary (offsets are code points, as in Python). */
export function highlight(text, facts) {
  const chars = Array.from(text || "");
  const n = chars.length;
  const valid = facts.map((f, i) => ({ ...f, index: i }))
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= n && f.end > f.start);
  const cuts = new Set([0, n]);
  for (const f of valid) { cuts.add(f.start); cuts.add(f.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const container = h("div", { class: "article-text", lang: "" });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const covering = valid.filter((f) => f.start <= a && f.end >= b);
    if (!covering.length) { container.appendChild(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => (SPECIFICITY[x.kind] ?? 9) - (SPECIFICITY[y.kind] ?? 9) || (x.end - x.start) - (y.end - y.start));
    const main = covering[0];
    const mark = document.createElement("mark");
    mark.className = `fact fact-${String(main.kind).replace(/[^a-z]/g, "")}` +
      (covering.some((f) => f.kind === "event") && main.kind !== "event" ? " in-event" : "") +
      (covering.some((f) => f.kind === "quote") ? " quoted" : "");
    mark.dataset.facts = covering.map((f) => f.index).join(" ");
    mark.dataset.kind = main.kind;
    mark.title = covering.map((f) => `${humanize(f.kind)}: ${f.label || ""}`).join("\n");
    mark.appendChild(document.createTextNode(piece));
    container.appendChild(mark);
  }
  return container;
}

function focusFact(container, index, item) {
  const marks = [...container.querySelectorAll("mark")].filter((m) => m.dataset.facts.split(" ").includes(String(index)));
  for (const m of container.querySelectorAll("mark.focused")) m.classList.remove("focused");
  for (const el of document.querySelectorAll(".fact-item.active")) el.classList.remove("active");
  if (item) item.classList.add("active");
  if (!marks.length) return;
  for (const m of marks) m.classList.add("focused");
  marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
}

/** The quote the event page linked to (?start=&end=), as a pseudo-fact to highlight. */
function linkedQuote(query) {
  const start = Number(query.start), end = Number(query.end);
  return Number.isInteger(start) && Number.isInteger(end) && end > start ? { kind: "quote", label: "quoted on the event page", start, end } : null;
}

export async function render(main, { params, signal, query = {} }) {
  const id = params[0];
  document.title = "Article — milcoop";
  main.append(loading("Loading article…"));
  let art;
  try {
    art = await get(`/api/articles/${encodeURIComponent(id)}`, null, { signal });
  } catch (err) {
    if (signal.aborted) return;
    clear(main).append(errorBox(err));
    return;
  }
  if (signal.aborted) return;
  const seen = new Set();
  const facts = (art.facts || []).filter((f) => {
    const key = [f.kind, f.label, f.start, f.end, f.event_id].join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const firstLine = String(art.text || "").split("\n").map((l) => l.trim()).find(Boolean) || "";
  const title = art.title || (firstLine.length <= 160 ? firstLine : firstLine.slice(0, 157) + "…") || `Article ${art.external_id || art.id}`;
  document.title = `${title} — milcoop`;
  const chars = Array.from(art.text || "");
  const eventLabel = (f) => {
    const quote = chars.slice(f.start, f.end).join("").replace(/\s+/g, " ").trim();
    return h("span", {}, h("strong", {}, humanize(f.label || "event")), " ",
      h("span", { class: "muted" }, `“${quote.length > 32 ? quote.slice(0, 30) + "…" : quote}”`));
  };
  const quote = linkedQuote(query);
  const text = highlight(art.text || "", quote ? [...facts, quote] : facts);
  if (art.lang) text.setAttribute("lang", String(art.lang));

  const counts = Object.fromEntries(KINDS.map(([k]) => [k, facts.filter((f) => f.kind === k).length]));
  const legend = h("ul", { class: "legend", "aria-label": "Legend" }, KINDS.map(([k, label]) =>
    h("li", {}, h("mark", { class: `fact fact-${k} legend-swatch` }, label), h("span", { class: "muted" }, ` ${counts[k]}`))));

  const side = h("aside", { class: "article-side", "aria-label": "Facts found in this article" },
    h("h2", { class: "panel-title" }, "Facts"), legend);
  if (!facts.length) side.append(h("p", { class: "muted" }, "No facts were extracted from this article."));
  for (const [kind, label] of KINDS) {
    const list = facts.map((f, i) => [f, i]).filter(([f]) => f.kind === kind);
    if (!list.length) continue;
    side.append(h("h3", { class: "fact-group" }, label),
      h("ul", { class: "fact-list" }, list.map(([f, i]) => {
        const btn = h("button", { type: "button", class: `fact-item fact-item-${kind}`, "data-fact": String(i) },
          h("span", { class: `swatch swatch-${kind}`, "aria-hidden": "true" }), kind === "event" ? eventLabel(f) : (f.label || humanize(kind)));
        btn.addEventListener("click", () => focusFact(text, i, btn));
        const occ = f.occasion_id || f.event_id;
        return h("li", {}, btn, occ && f.occasion_id ? h("a", { class: "fact-occasion", href: "#/events/" + encodeURIComponent(f.occasion_id), title: "Open the occasion" }, "occasion →") : null);
      })));
  }

  const meta = [art.outlet, art.published ? formatDate(art.published) : null, art.lang ? String(art.lang).toUpperCase() : null].filter(Boolean);
  clear(main).append(h("div", { class: "article-page" },
    h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, h("a", { href: "#/events" }, "Timeline"), " / ", h("span", {}, "Article")),
    h("header", { class: "article-head" },
      h("h1", {}, title),
      h("p", { class: "event-sub" }, meta.join(" · "),
        safeUrl(art.url) ? [meta.length ? " · " : "", h("a", { href: safeUrl(art.url), target: "_blank", rel: "noopener noreferrer nofollow", class: "external" }, "Original ↗")] : null,
        art.external_id ? h("span", { class: "muted" }, ` · ${art.external_id}`) : null)),
    h("div", { class: "article-grid" },
      h("section", { class: "panel article-body", "aria-label": "Article text" }, text),
      side)));
  const quoted = [...text.querySelectorAll("mark.quoted")];
  if (quoted.length) {
    quoted[0].setAttribute("tabindex", "-1");
    quoted[0].scrollIntoView({ block: "center" });
    quoted[0].focus({ preventScroll: true });
  }
  text.addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (!mark) return;
    const first = mark.dataset.facts.split(" ")[0];
    const btn = side.querySelector(`[data-fact="${first}"]`);
    if (btn) { btn.classList.add("active"); btn.scrollIntoView({ block: "nearest" }); }
  });
}
