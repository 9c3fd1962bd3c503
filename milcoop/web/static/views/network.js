// 2. Partner network: countries as nodes, cooperation as weighted edges; a small SVG force layout.
// Bilateral or multilateral occasions, a focus country, a minimum weight, zoom and pan; one tab stop for the
// drawing (arrow keys walk the countries) and the same data as a table.
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

/** A focus country in the middle, its partners around it, the strongest first (clockwise from the top). */
export function radial(nodes, edges, focus, { width = 900, height = 620 } = {}) {
  const weight = new Map();
  for (const e of edges) weight.set(e.source === focus ? e.target : e.source, e.weight || 0);
  const others = nodes.map((n, i) => [n, i]).filter(([n]) => n.id !== focus)
    .sort(([a], [b]) => (weight.get(b.id) || 0) - (weight.get(a.id) || 0) || a.id.localeCompare(b.id));
  const pos = nodes.map(() => ({ x: width / 2, y: height / 2 }));
  const rx = width * 0.4, ry = height * 0.4;
  others.forEach(([, i], k) => {
    const a = -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, others.length);
    pos[i] = { x: width / 2 + rx * Math.cos(a), y: height / 2 + ry * Math.sin(a) };
  });
  return pos;
}

const KINDS = [["all", "All occasions"], ["bilateral", "Bilateral (two parties)"], ["multilateral", "Multilateral (three or more)"]];

/** The edges and nodes to draw: weight by kind, at least ``min``, and with a focus only the focus's own edges. */
export function visible(net, { kind = "all", min = 1, focus = "" } = {}) {
  const weightOf = (e) => (kind === "all" ? e.weight : e[kind]) || 0;
  const edges = (net.edges || []).map((e) => ({ ...e, weight: weightOf(e) }))
    .filter((e) => e.weight >= Math.max(1, min) && (!focus || e.source === focus || e.target === focus));
  const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
  if (focus && (net.nodes || []).some((n) => n.id === focus)) ids.add(focus);
  const shared = new Map();
  for (const e of edges) for (const id of [e.source, e.target]) shared.set(id, (shared.get(id) || 0) + e.weight);
  const nodes = (net.nodes || []).filter((n) => ids.has(n.id))
    .map((n) => ({ ...n, events: kind === "all" ? n.events : n[kind] || 0, shared: shared.get(n.id) || 0 }));
  return { nodes, edges };
}

/** The node nearest ``from`` in the direction of an arrow key (spatial navigation), or null. */
export function nearestInDirection(points, from, key) {
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  let best = null, bestScore = Infinity;
  for (const p of points) {
    if (p === from) continue;
    const dx = p.x - from.x, dy = p.y - from.y;
    const along = dx * dir[0] + dy * dir[1];
    if (along <= 0) continue;
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = p; }
  }
  return best;
}

function controls(query, maxWeight, countries, navigate) {
  const kind = KINDS.some(([k]) => k === query.kind) ? query.kind : "all";
  const min = Math.min(Math.max(1, Number(query.min) || 1), Math.max(1, maxWeight));
  const minOut = h("output", { for: "n-min", class: "min-value" }, String(min));
  const form = h("form", { class: "filters network-filters", "aria-label": "Network filters" },
    h("div", { class: "field" }, h("label", { for: "n-kind" }, "Occasions"),
      h("select", { id: "n-kind", name: "kind" }, KINDS.map(([k, l]) => h("option", { value: k, selected: k === kind }, l)))),
    h("div", { class: "field" }, h("label", { for: "n-country" }, "Focus country"),
      h("select", { id: "n-country", name: "country" }, h("option", { value: "" }, "All countries"),
        countries.map((c) => h("option", { value: c.id, selected: c.id === query.country }, c.label || countryName(c.id))))),
    h("div", { class: "field" }, h("label", { for: "n-min" }, "Minimum occasions per link: ", minOut),
      h("input", { id: "n-min", name: "min", type: "range", min: "1", max: String(Math.max(1, maxWeight)), step: "1", value: String(min) })),
    h("div", { class: "field" }, h("label", { for: "n-from" }, "From"), h("input", { id: "n-from", name: "from", type: "date", value: query.from || "" })),
    h("div", { class: "field" }, h("label", { for: "n-to" }, "To"), h("input", { id: "n-to", name: "to", type: "date", value: query.to || "" })),
    h("div", { class: "field field-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"),
      h("a", { class: "btn btn-quiet", href: "#/network" }, "Reset")));
  const apply = () => {
    const data = Object.fromEntries(new FormData(form));
    if (data.kind === "all") delete data.kind;
    if (data.min === "1") delete data.min;
    navigate("#/network" + toQuery(data));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  const slider = form.querySelector("#n-min");
  slider.addEventListener("input", () => { minOut.textContent = slider.value; });
  for (const el of form.querySelectorAll("select, input[type=range]")) el.addEventListener("change", apply);
  return { form, kind, min };
}

/** Zoom and pan of an SVG by its viewBox: wheel, drag, buttons and keys. Labels keep their size on screen. */
function zoomable(graph, box, onChange) {
  const home = { ...box };
  const view = { ...box };
  const set = () => {
    graph.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    onChange(home.w / view.w);
  };
  const zoom = (factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    const w = Math.min(home.w * 1.5, Math.max(home.w / 12, view.w / factor));
    const k = w / view.w;
    view.x = cx - (cx - view.x) * k; view.y = cy - (cy - view.y) * k;
    view.w = w; view.h = home.h * (w / home.w);
    set();
  };
  const pan = (dx, dy) => { view.x += dx * view.w; view.y += dy * view.h; set(); };
  const reset = () => { Object.assign(view, home); set(); };
  const toSvg = (ev) => {
    const r = graph.getBoundingClientRect();
    return [view.x + ((ev.clientX - r.left) / r.width) * view.w, view.y + ((ev.clientY - r.top) / r.height) * view.h];
  };
  graph.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, ...toSvg(ev));
  }, { passive: false });
  let drag = null;
  graph.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, moved: false, id: ev.pointerId };
  });
  graph.addEventListener("pointermove", (ev) => {
    if (!drag || drag.id !== ev.pointerId) return;
    const r = graph.getBoundingClientRect();
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) graph.setPointerCapture(ev.pointerId);
    drag.moved = true;
    view.x -= (dx / r.width) * view.w; view.y -= (dy / r.height) * view.h;
    drag.x = ev.clientX; drag.y = ev.clientY;
    graph.classList.add("panning");
    set();
  });
  const end = (ev) => {
    if (drag && drag.moved) {  // a drag is not a click on what lies under the pointer
      graph.addEventListener("click", (e) => { e.stopPropagation(); e.preventDefault(); }, { capture: true, once: true });
    }
    drag = null;
    graph.classList.remove("panning");
    if (ev && graph.hasPointerCapture?.(ev.pointerId)) graph.releasePointerCapture(ev.pointerId);
  };
  graph.addEventListener("pointerup", end);
  graph.addEventListener("pointercancel", end);
  return { zoom, pan, reset, view };
}

export async function render(main, { query, signal, navigate }) {
  document.title = "Network — milcoop";
  const count = h("p", { class: "subtitle" }, "Countries that cooperate militarily. Click a country or a link to see its occasions.");
  const top = h("div", { class: "network-controls" });
  const body = h("section", { class: "network-body" }, loading("Loading network…"));
  main.append(h("div", { class: "page-header" }, h("div", {}, h("h1", {}, "Partner network"), count)), top, body);

  let net;
  try {
    // every edge carries its bilateral and multilateral counts: the switch filters here, not on the server
    net = await get("/api/network", { from: query.from, to: query.to }, { signal });
  } catch (err) {
    if (!signal.aborted) clear(body).append(errorBox(err));
    return;
  }
  if (signal.aborted) return;
  const withEdges = new Set((net.edges || []).flatMap((e) => [e.source, e.target]));
  const countries = (net.nodes || []).filter((n) => withEdges.has(n.id))
    .sort((a, b) => (a.label || a.id).localeCompare(b.label || b.id));
  const kindOf = KINDS.some(([k]) => k === query.kind) ? query.kind : "all";
  const maxWeight = Math.max(1, ...(net.edges || []).map((e) => (kindOf === "all" ? e.weight : e[kindOf]) || 0));
  const { form, kind, min } = controls(query, maxWeight, countries, navigate);
  top.append(form);
  const focus = (query.country || "").toUpperCase();
  const { nodes, edges } = visible(net, { kind, min, focus });
  clear(body);
  if (!nodes.length || !edges.length) {
    body.append(empty("No cooperation matches", "Lower the minimum, switch to all occasions, or widen the dates."));
    return;
  }
  const focusName = focus ? countryName(focus) : "";
  count.textContent = `${plural(nodes.length, "country", "countries")} · ${plural(edges.length, "link")}` +
    (focus ? ` with ${focusName}` : "") + `. ${KINDS.find(([k]) => k === kind)[1]}.`;

  const W = 900, H = 620;
  const pos = focus ? radial(nodes, edges, focus, { width: W, height: H }) : layout(nodes, edges, { width: W, height: H });
  const maxEvents = Math.max(1, ...nodes.map((n) => n.shared || 0));
  const maxW = Math.max(1, ...edges.map((e) => e.weight || 0));
  const radius = (n) => 7 + 20 * Math.sqrt((n.shared || 0) / maxEvents);
  const at = new Map(nodes.map((n, i) => [n.id, { ...pos[i], r: radius(n), node: n, id: n.id }]));
  const xs = [...at.values()];
  const minX = Math.min(0, ...xs.map((p) => p.x - p.r - 50)), maxX = Math.max(W, ...xs.map((p) => p.x + p.r + 50));
  const minY = Math.min(0, ...xs.map((p) => p.y - p.r - 10)), maxY = Math.max(H, ...xs.map((p) => p.y + p.r + 28));

  const status = h("p", { class: "network-status small", id: "network-status", "aria-live": "polite" },
    "Select the drawing, then use the arrow keys to move between countries, Enter to open one, + and − to zoom, Shift+arrows to pan.");
  const graph = svg("svg", { class: "network", viewBox: `${minX} ${minY} ${maxX - minX} ${maxY - minY}`, tabindex: "0",
    role: "application", "aria-roledescription": "network drawing", "aria-describedby": "network-status",
    "aria-label": `Partner network of ${plural(nodes.length, "country", "countries")}; arrow keys move between them` });
  const edgeLayer = svg("g", { class: "edges" }), nodeLayer = svg("g", { class: "nodes" }), labelLayer = svg("g", { class: "labels" });
  graph.append(edgeLayer, nodeLayer, labelLayer);
  const pairHref = (e) => "#/events" + toQuery({ country: e.source, partner: e.target, from: query.from, to: query.to });
  const countryHref = (id) => "#/events" + toQuery({ country: id, from: query.from, to: query.to });
  const pairLabel = (e) => `${countryName(e.source)} – ${countryName(e.target)}: ${plural(e.weight || 0, "occasion")}` +
    (kind === "all" && e.multilateral ? ` (${e.bilateral} bilateral, ${e.multilateral} multilateral)` : "");

  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    const g = svg("g", { class: "edge" + (e.multilateral && !e.bilateral ? " edge-multi" : ""), "data-source": e.source, "data-target": e.target },
      svg("title", {}, pairLabel(e)),
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-line", "stroke-width": (1 + 7 * (e.weight || 1) / maxW).toFixed(2) }),
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-hit" }));
    g.addEventListener("click", () => navigate(pairHref(e)));
    edgeLayer.append(g);
  }
  const neighbours = new Map(nodes.map((n) => [n.id, new Set([n.id])]));
  for (const e of edges) { neighbours.get(e.source).add(e.target); neighbours.get(e.target).add(e.source); }
  const labels = [];
  for (const [id, p] of at) {
    const n = p.node;
    const name = n.label && n.label !== id ? n.label : countryName(id);
    const g = svg("g", { class: "node" + (focus === id ? " selected" : ""), "data-id": id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
      svg("title", {}, `${name}: ${plural(n.shared, "shared occasion")} in view`),
      svg("circle", { r: p.r.toFixed(1) }));
    const label = svg("text", { class: "node-label", "text-anchor": "middle", x: p.x.toFixed(1), y: (p.y + p.r + 14).toFixed(1), "data-id": id },
      shortName(name));
    labels.push(label);
    g.addEventListener("click", () => navigate(countryHref(id)));
    g.addEventListener("mouseenter", () => highlight(id));
    g.addEventListener("mouseleave", () => highlight(current ? current.id : null));
    nodeLayer.append(g);
    labelLayer.append(label);
  }
  const highlight = (id) => {
    graph.classList.toggle("focusing", Boolean(id));
    if (!id) return;
    const near = neighbours.get(id);
    for (const el of nodeLayer.children) el.classList.toggle("near", near.has(el.dataset.id));
    for (const el of labelLayer.children) el.classList.toggle("near", near.has(el.dataset.id));
    for (const el of edgeLayer.children) el.classList.toggle("near", el.dataset.source === id || el.dataset.target === id);
  };
  const z = zoomable(graph, { x: minX, y: minY, w: maxX - minX, h: maxY - minY }, (scale) => {
    // labels keep about the same size on screen whatever the zoom
    for (const t of labels) t.style.fontSize = `${(12 / Math.sqrt(scale)).toFixed(2)}px`;
  });

  // keyboard: one tab stop; arrows walk the countries, Enter opens one
  const points = [...at.values()];
  let current = null;
  const select = (p) => {
    current = p;
    for (const el of nodeLayer.children) el.classList.toggle("current", el.dataset.id === p.id);
    highlight(p.id);
    const partners = edges.filter((e) => e.source === p.id || e.target === p.id);
    status.textContent = `${countryName(p.id)}: ${plural(partners.length, "partner")}, ${plural(p.node.shared, "shared occasion")} in view. ` +
      "Enter opens its occasions.";
    const v = z.view;
    if (p.x < v.x || p.x > v.x + v.w || p.y < v.y || p.y > v.y + v.h) { v.x = p.x - v.w / 2; v.y = p.y - v.h / 2; z.pan(0, 0); }
  };
  graph.addEventListener("focus", () => { if (!current) select(at.get(focus) || points.slice().sort((a, b) => b.node.shared - a.node.shared)[0]); });
  graph.addEventListener("keydown", (ev) => {
    const arrows = ["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"];
    if (arrows.includes(ev.key) && ev.shiftKey) {
      ev.preventDefault();
      const [dx, dy] = { ArrowRight: [0.1, 0], ArrowLeft: [-0.1, 0], ArrowDown: [0, 0.1], ArrowUp: [0, -0.1] }[ev.key];
      z.pan(dx, dy);
    } else if (arrows.includes(ev.key)) {
      ev.preventDefault();
      const next = current ? nearestInDirection(points, current, ev.key) : points[0];
      if (next) select(next);
    } else if (ev.key === "Enter" && current) {
      ev.preventDefault();
      navigate(countryHref(current.id));
    } else if (ev.key === "+" || ev.key === "=") {
      ev.preventDefault(); z.zoom(1.25, current?.x, current?.y);
    } else if (ev.key === "-" || ev.key === "_") {
      ev.preventDefault(); z.zoom(1 / 1.25, current?.x, current?.y);
    } else if (ev.key === "0") {
      ev.preventDefault(); z.reset();
    } else if (ev.key === "Escape") {
      current = null; highlight(null); for (const el of nodeLayer.children) el.classList.remove("current");
    }
  });
  graph.addEventListener("mouseleave", () => highlight(current ? current.id : null));

  const zoomButtons = h("div", { class: "zoom-buttons", role: "group", "aria-label": "Zoom" },
    h("button", { type: "button", class: "btn btn-small", "aria-label": "Zoom in", onclick: () => z.zoom(1.4) }, "+"),
    h("button", { type: "button", class: "btn btn-small", "aria-label": "Zoom out", onclick: () => z.zoom(1 / 1.4) }, "−"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => z.reset() }, "Fit"));

  const sorted = edges.slice().sort((a, b) => (b.weight || 0) - (a.weight || 0) || pairLabel(a).localeCompare(pairLabel(b)));
  const topNodes = nodes.slice().sort((a, b) => (b.shared || 0) - (a.shared || 0)).slice(0, 10);
  const table = h("details", { class: "panel network-table" },
    h("summary", {}, `All ${plural(edges.length, "link")} as a table`),
    h("div", { class: "table-wrap" }, h("table", { class: "data-table compact" },
      h("thead", {}, h("tr", {}, ["Country", "Partner", "Occasions", "Bilateral", "Multilateral", "Years"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, sorted.map((e) => h("tr", {},
        h("td", {}, countryName(e.source)), h("td", {}, h("a", { href: pairHref(e) }, countryName(e.target))),
        h("td", { class: "num" }, String(e.weight)), h("td", { class: "num" }, String(e.bilateral || 0)),
        h("td", { class: "num" }, String(e.multilateral || 0)), h("td", {}, (e.years || []).join(", "))))))));
  body.append(h("div", { class: "network-grid" },
    h("div", { class: "panel network-panel" }, h("div", { class: "network-toolbar" }, zoomButtons, status), graph,
      h("p", { class: "muted small legend-line" }, "Circle size: occasions shared in view. Line width: occasions the pair shares. ",
        "Dashed: only multilateral. Scroll or use the buttons to zoom; drag to pan.")),
    h("aside", { class: "network-side" },
      h("section", { class: "panel" }, h("h2", { class: "panel-title" }, "Strongest links"),
        h("ol", { class: "rank-list" }, sorted.slice(0, 10).map((e) => h("li", {}, h("a", { href: pairHref(e) },
          `${countryName(e.source)} – ${countryName(e.target)}`), h("span", { class: "count" }, String(e.weight)))))),
      h("section", { class: "panel" }, h("h2", { class: "panel-title" }, "Most connected"),
        h("ol", { class: "rank-list" }, topNodes.map((n) => h("li", {}, h("a", { href: "#/network" + toQuery({ ...query, country: n.id }) },
          [flag(n.id) ? flag(n.id) + " " : "", n.label && n.label !== n.id ? n.label : countryName(n.id)]), h("span", { class: "count" }, String(n.shared))))))),
  ), table);
  z.reset();
}
