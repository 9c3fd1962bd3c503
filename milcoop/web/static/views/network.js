// 2. Partner network: countries as nodes, cooperation as weighted edges; a small SVG force layout.
import { get } from "../api.js";
import { h, svg, clear, countryName, flag, loading, errorBox, empty, plural, toQuery } from "../dom.js";

/** A deterministic force layout: repulsion, springs along edges, pull to the centre. */
export function layout(nodes, edges, { width = 900, height = 620, iterations = 400 } = {}) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    const r = Math.min(width, height) * 0.35 * (0.6 + 0.4 * ((i * 7) % 5) / 4);
    return { x: width / 2 + r * Math.cos(a), y: height / 2 + r * Math.sin(a), vx: 0, vy: 0 };
  });
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight || 1]).filter(([a, b]) => a !== undefined && b !== undefined);
  const maxW = Math.max(1, ...links.map((l) => l[2]));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.95;
  for (let it = 0; it < iterations; it++) {
    const temp = 1 - it / iterations;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        pos[i].vx += dx * f * 0.02; pos[i].vy += dy * f * 0.02;
        pos[j].vx -= dx * f * 0.02; pos[j].vy -= dy * f * 0.02;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = ((d - k * (1.0 - 0.4 * w / maxW)) / d) * 0.03;
      pos[a].vx += dx * f; pos[a].vy += dy * f;
      pos[b].vx -= dx * f; pos[b].vy -= dy * f;
    }
    for (const p of pos) {
      p.vx += (width / 2 - p.x) * 0.008; p.vy += (height / 2 - p.y) * 0.012;
      const v = Math.sqrt(p.vx * p.vx + p.vy * p.vy);
      const cap = 30 * temp + 1;
      if (v > cap) { p.vx *= cap / v; p.vy *= cap / v; }
      p.x = Math.min(width - 60, Math.max(60, p.x + p.vx));
      p.y = Math.min(height - 40, Math.max(36, p.y + p.vy));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return pos;
}

function shortName(name) {
  const short = { "United States": "USA", "United Kingdom": "UK", "United Arab Emirates": "UAE", "Bosnia & Herzegovina": "Bosnia",
    "North Macedonia": "N. Macedonia", "Russian Federation": "Russia", "South Korea": "S. Korea", "North Korea": "N. Korea" };
  return short[name] || name;
}

export async function render(main, { query, signal, navigate }) {
  document.title = "Network — milcoop";
  const form = h("form", { class: "filters filters-compact", "aria-label": "Network period" },
    h("div", { class: "field" }, h("label", { for: "n-from" }, "From"), h("input", { id: "n-from", name: "from", type: "date", value: query.from || "" })),
    h("div", { class: "field" }, h("label", { for: "n-to" }, "To"), h("input", { id: "n-to", name: "to", type: "date", value: query.to || "" })),
    h("div", { class: "field field-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/network" }, "Reset")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate("#/network" + toQuery({ ...Object.fromEntries(new FormData(form)), country: query.country }));
  });
  const count = h("p", { class: "subtitle" }, "Countries that cooperate militarily. Click a country or a link to see its occasions.");
  const body = h("section", { class: "network-body", "aria-live": "polite" }, loading("Loading network…"));
  main.append(h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Partner network"), count)), form, body);

  let net;
  try {
    net = await get("/api/network", { country: query.country, from: query.from, to: query.to }, { signal });
  } catch (err) {
    if (!signal.aborted) clear(body).append(errorBox(err));
    return;
  }
  if (signal.aborted) return;
  clear(body);
  const nodes = net.nodes || [], edges = net.edges || [];
  if (!nodes.length) { body.append(empty("No cooperation in this period", "Widen the date range.")); return; }
  count.textContent = `${plural(nodes.length, "country", "countries")} · ${plural(edges.length, "partnership")}. Click a country or a link to see its occasions.`;

  const W = 900, H = 620;
  const pos = layout(nodes, edges, { width: W, height: H });
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
  const maxW = Math.max(1, ...edges.map((e) => e.weight || 0));
  const radius = (n) => 7 + 22 * Math.sqrt((n.events || 0) / maxEvents);
  const at = new Map(nodes.map((n, i) => [n.id, { ...pos[i], r: radius(n), node: n }]));
  // fit the drawing to the view box
  const xs = [...at.values()];
  const minX = Math.min(0, ...xs.map((p) => p.x - p.r - 40)), maxX = Math.max(W, ...xs.map((p) => p.x + p.r + 40));
  const minY = Math.min(0, ...xs.map((p) => p.y - p.r - 10)), maxY = Math.max(H, ...xs.map((p) => p.y + p.r + 24));

  const graph = svg("svg", { class: "network", viewBox: `${minX} ${minY} ${maxX - minX} ${maxY - minY}`, role: "group",
    "aria-label": `Partner network of ${nodes.length} countries` });
  const edgeLayer = svg("g", { class: "edges" }), nodeLayer = svg("g", { class: "nodes" });
  graph.append(edgeLayer, nodeLayer);
  const pairHref = (e) => "#/events" + toQuery({ country: e.source, partner: e.target, from: query.from, to: query.to });
  const countryHref = (id) => "#/events" + toQuery({ country: id, from: query.from, to: query.to });

  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    const label = `${countryName(e.source)} – ${countryName(e.target)}: ${plural(e.weight || 0, "occasion")}`;
    const g = svg("g", { class: "edge", "data-source": e.source, "data-target": e.target, tabindex: "0", role: "link", "aria-label": label },
      svg("title", {}, label),
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-line", "stroke-width": (1 + 7 * (e.weight || 1) / maxW).toFixed(2) }),
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-hit" }));
    const go = () => navigate(pairHref(e));
    g.addEventListener("click", go);
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
    edgeLayer.append(g);
  }
  const neighbours = new Map(nodes.map((n) => [n.id, new Set([n.id])]));
  for (const e of edges) { neighbours.get(e.source)?.add(e.target); neighbours.get(e.target)?.add(e.source); }
  for (const [id, p] of at) {
    const n = p.node;
    const label = `${n.label || countryName(id)}: ${plural(n.events || 0, "occasion")}`;
    const g = svg("g", { class: "node" + (query.country === id ? " selected" : ""), "data-id": id, tabindex: "0", role: "link", "aria-label": label,
      transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg("title", {}, label),
      svg("circle", { r: p.r.toFixed(1) }),
      svg("text", { class: "node-code", "text-anchor": "middle", dy: "0.35em", "font-size": Math.max(8, Math.min(16, p.r * 0.75)).toFixed(0) }, id),
      svg("text", { class: "node-label", "text-anchor": "middle", y: (p.r + 13).toFixed(1) }, shortName(n.label && n.label !== id ? n.label : countryName(id))));
    const go = () => navigate(countryHref(id));
    g.addEventListener("click", go);
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
    g.addEventListener("mouseenter", () => {
      graph.classList.add("focusing");
      const near = neighbours.get(id);
      for (const el of nodeLayer.children) el.classList.toggle("near", near.has(el.dataset.id));
      for (const el of edgeLayer.children) el.classList.toggle("near", el.dataset.source === id || el.dataset.target === id);
    });
    g.addEventListener("mouseleave", () => graph.classList.remove("focusing"));
    nodeLayer.append(g);
  }

  const top = edges.slice().sort((a, b) => (b.weight || 0) - (a.weight || 0)).slice(0, 15);
  const topNodes = nodes.slice().sort((a, b) => (b.events || 0) - (a.events || 0)).slice(0, 10);
  body.append(h("div", { class: "network-grid" },
    h("div", { class: "panel network-panel" }, graph,
      h("p", { class: "muted small legend-line" }, "Circle size: number of occasions. Line width: occasions shared by the pair.")),
    h("aside", { class: "network-side" },
      h("section", { class: "panel" }, h("h2", { class: "panel-title" }, "Strongest partnerships"),
        h("ol", { class: "rank-list" }, top.map((e) => h("li", {}, h("a", { href: pairHref(e) },
          `${countryName(e.source)} – ${countryName(e.target)}`), h("span", { class: "count" }, String(e.weight)))))),
      h("section", { class: "panel" }, h("h2", { class: "panel-title" }, "Most active"),
        h("ol", { class: "rank-list" }, topNodes.map((n) => h("li", {}, h("a", { href: countryHref(n.id) },
          [flag(n.id) ? flag(n.id) + " " : "", n.label && n.label !== n.id ? n.label : countryName(n.id)]), h("span", { class: "count" }, String(n.events)))))))));
}
