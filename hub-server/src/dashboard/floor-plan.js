// The store's floor plan drawn from its layout: zones, fixtures and entrances in SVG (in metres,
// via the viewBox), a canvas above it for the heatmap, and an SVG overlay on top for labels,
// hot/cold outlines and recommendation arrows. Used by the store, recommendation and planner pages.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat())
    if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Heat colour at t ∈ [0, 1]: blue → green → yellow → red, more opaque when hotter (as the PNG export). */
export function heatColor(t) {
  const stops = [
    [0, [37, 99, 235]],
    [0.35, [22, 163, 74]],
    [0.65, [234, 179, 8]],
    [1, [220, 38, 38]],
  ];
  const x = Math.min(1, Math.max(0, t));
  let i = 1;
  while (i < stops.length - 1 && x > stops[i][0]) i++;
  const [t0, c0] = stops[i - 1];
  const [t1, c1] = stops[i];
  const f = (x - t0) / (t1 - t0);
  const rgb = c0.map((v, k) => Math.round(v + (c1[k] - v) * f));
  return `rgba(${rgb.join(',')},${(0.35 + 0.45 * x).toFixed(2)})`;
}

export function centroid(poly) {
  const n = poly.length;
  return [poly.reduce((a, p) => a + p[0], 0) / n, poly.reduce((a, p) => a + p[1], 0) / n];
}

/**
 * Where each arrow's numbered badge goes: its midpoint, unless a badge placed before it (a better rank)
 * or another arrow's head is within `clearance` there, as when two arrows cross halfway; then the free
 * point along the arrow nearest its middle, or failing one the point farthest from those. Arrows are
 * [from, to] in metres, best first; one [x, y] per arrow is returned.
 */
export function badgeSpots(arrows, clearance) {
  const along = [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8];
  const placed = [];
  arrows.forEach(([from, to], index) => {
    const heads = arrows.filter((_, other) => other !== index).map((a) => a[1]);
    let spot;
    let widest = -1;
    for (const t of along) {
      const p = [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
      const gap = Math.min(
        Number.POSITIVE_INFINITY,
        ...[...placed, ...heads].map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])),
      );
      if (gap > widest) {
        widest = gap;
        spot = p;
      }
      if (gap >= clearance) break;
    }
    placed.push(spot);
  });
  return placed;
}

/** Zone names on the plan, metres (the SVG's units). */
const LABEL_SIZE = 0.6;
const LINE_HEIGHT = 1.15;
/** An average glyph of the label font (bold sans) is about this wide, in ems. */
const GLYPH_EM = 0.62;

/**
 * A zone's name wrapped at spaces into lines that fit `width` metres at `size`, and the size to draw
 * it at: smaller than `size` only when a single word is still too wide (never under half of it), so
 * neighbouring zones' names do not run into each other.
 */
export function fitLabel(name, width, size) {
  const fits = (text) => text.length * GLYPH_EM * size <= width;
  const lines = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && fits(`${last} ${word}`)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const longest = Math.max(1, ...lines.map((l) => l.length));
  return { lines, size: Math.max(size / 2, Math.min(size, width / (longest * GLYPH_EM))) };
}

export function floorPlan(layout, { label }) {
  const { width: W, depth: D, origin } = layout.floor;
  const flip = origin === 'bottom-left';
  const pt = ([x, y]) => [x, flip ? D - y : y];
  const points = (poly) => poly.map((p) => pt(p).join(',')).join(' ');

  const base = s('svg', { viewBox: `0 0 ${W} ${D}`, class: 'floor-base', 'aria-hidden': 'true' });
  base.append(s('rect', { x: 0, y: 0, width: W, height: D, class: 'floor-bg' }));
  for (const o of layout.floor.obstacles ?? [])
    base.append(s('polygon', { points: points(o), class: 'obstacle' }));
  for (const z of layout.zones)
    base.append(s('polygon', { points: points(z.polygon), class: `zone kind-${z.kind}`, 'data-zone': z.id }));
  for (const f of layout.fixtures)
    base.append(s('polygon', { points: points(f.polygon), class: 'fixture', 'data-fixture': f.id }));
  for (const e of layout.entrances) {
    const [a, b] = e.line.map(pt);
    base.append(s('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'entrance' }));
  }

  const canvas = h('canvas', { className: 'heat', role: 'img', 'aria-label': label });
  const overlay = s('svg', { viewBox: `0 0 ${W} ${D}`, class: 'floor-overlay' });
  const labels = s('g', { class: 'zone-labels', 'aria-hidden': 'true' });
  for (const z of layout.zones) {
    const [x, y] = pt(centroid(z.polygon));
    const xs = z.polygon.map((p) => p[0]);
    const { lines, size } = fitLabel(z.name, 0.9 * (Math.max(...xs) - Math.min(...xs)), LABEL_SIZE);
    const top = y - ((lines.length - 1) * size * LINE_HEIGHT) / 2;
    const text = s('text', { x, y: top, class: 'zone-label', style: `font-size:${size}px` });
    lines.forEach((line, i) => {
      text.append(s('tspan', { x, dy: i === 0 ? 0 : size * LINE_HEIGHT }, line));
    });
    labels.append(text);
  }
  overlay.append(labels);
  const element = h('div', { className: 'floor' }, base, canvas, overlay);
  element.style.aspectRatio = `${W} / ${D}`;

  let heat = { cells: [], maxDensity: 0 };
  const draw = () => {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const ppm = canvas.width / W;
    ctx.filter = `blur(${Math.max(1, ppm * 0.2).toFixed(1)}px)`;
    for (const c of heat.cells) {
      const density = c.shopperWindows / (c.size * c.size);
      if (density <= 0 || heat.maxDensity <= 0) continue;
      ctx.fillStyle = heatColor(density / heat.maxDensity);
      const [x, y] = pt([c.x, flip ? c.y + c.size : c.y]);
      ctx.fillRect(x * ppm, y * ppm, c.size * ppm, c.size * ppm);
    }
  };
  new ResizeObserver(draw).observe(element);

  return {
    element,
    base,
    overlay,
    canvas,
    pt,
    setHeat(cells, maxDensity) {
      heat = { cells, maxDensity };
      draw();
    },
    /** Floor metres under a pointer event. */
    toFloor(evt) {
      const m = base.getScreenCTM().inverse();
      const p = new DOMPoint(evt.clientX, evt.clientY).matrixTransform(m);
      return [p.x, flip ? D - p.y : p.y];
    },
    fixtureCentre(id) {
      const f = layout.fixtures.find((x) => x.id === id);
      return f ? pt(centroid(f.polygon)) : undefined;
    },
    /** A named group on the overlay, emptied: for marks that are redrawn on every refresh. Fills go
     * `underLabels`, so the zone names stay readable. */
    layer(name, { underLabels = false } = {}) {
      let g = overlay.querySelector(`g[data-layer="${name}"]`);
      if (!g) {
        g = s('g', { 'data-layer': name });
        if (underLabels) overlay.insertBefore(g, labels);
        else overlay.append(g);
      }
      g.replaceChildren();
      return g;
    },
    outline(zoneId, className) {
      const z = layout.zones.find((x) => x.id === zoneId);
      return z ? s('polygon', { points: points(z.polygon), class: className }) : undefined;
    },
  };
}

export function heatLegend() {
  return h(
    'div',
    { className: 'legend', 'aria-hidden': 'true' },
    h('span', {}, 'fewer'),
    h('span', { className: 'ramp' }),
    h('span', {}, 'more shoppers per m²'),
  );
}
