// The furniture around the plan: title, legend, scale bar and the metre ticks along the floor edges.
import type { StoreLayout } from '@retail/contracts';
import {
  arrow,
  el,
  FIXTURE_COLORS,
  GATEWAY_COLORS,
  n,
  type Pt,
  text,
  wrap,
  ZONE_COLORS,
} from './svg-primitives.js';

export function titleBlock(layout: StoreLayout, x: number, y: number, s: number): string {
  const { floor } = layout;
  const sub = [
    layout.storeId,
    `layout v${layout.layoutVersion}, effective ${layout.effectiveFrom.slice(0, 10)}`,
    `${n(floor.width)} × ${n(floor.depth)} m`,
    layout.timezone,
  ].join('  ·  ');
  return (
    text(x, y + 14 * s, [`${layout.name} — floor plan`], { size: 22 * s, weight: 'bold', anchor: 'start' }) +
    text(x, y + 40 * s, [sub], { size: 13 * s, anchor: 'start', fill: '#52606d' })
  );
}

/** The camera glyph: a body and a lens, centred on (x, y). */
export function cameraIcon(x: number, y: number, size: number, color: string): string {
  const w = size;
  const h = size * 0.66;
  return (
    el('rect', {
      x: x - w / 2,
      y: y - h / 2,
      width: w * 0.72,
      height: h,
      rx: h * 0.2,
      fill: color,
      stroke: '#ffffff',
      'stroke-width': 1.5,
    }) +
    el('polygon', {
      points: `${n(x + w * 0.2)},${n(y)} ${n(x + w / 2)},${n(y - h / 2)} ${n(x + w / 2)},${n(y + h / 2)}`,
      fill: color,
      stroke: '#ffffff',
      'stroke-width': 1.5,
      'stroke-linejoin': 'round',
    })
  );
}

export function scannerIcon(x: number, y: number, r: number, color: string): string {
  return (
    el('circle', { cx: x, cy: y, r: r * 1.9, fill: color, 'fill-opacity': 0.12 }) +
    el('circle', { cx: x, cy: y, r, fill: color, stroke: '#ffffff', 'stroke-width': 1.5 })
  );
}

export function gatewayColor(layout: StoreLayout, gatewayId: string): string {
  const i = layout.gateways.findIndex((g) => g.id === gatewayId);
  return i < 0 ? '#52606d' : GATEWAY_COLORS[i % GATEWAY_COLORS.length]!;
}

/** The legend column: zone and fixture kinds in use, symbols, gateways, counts, scale bar. */
export function legend(
  layout: StoreLayout,
  x: number,
  y: number,
  width: number,
  ppm: number,
  s: number,
): string {
  const font = 13 * s;
  const row = 24 * s;
  const sw = 26 * s;
  const tx = x + sw + 10 * s;
  const parts: string[] = [];
  let cy = y;
  const heading = (title: string) => {
    parts.push(text(x, cy, [title], { size: 14 * s, weight: 'bold', anchor: 'start' }));
    cy += row;
  };
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const item = (symbol: string, label: string | string[]) => {
    const lines = [label].flat().flatMap((part) => wrap(part, font, width - sw - 10 * s));
    parts.push(
      symbol,
      text(tx, cy + ((lines.length - 1) * font * 1.15) / 2, lines, { size: font, anchor: 'start' }),
    );
    cy += row + (lines.length - 1) * font * 1.15;
  };
  const swatch = (fill: string, opacity: number, stroke: string, dash?: string) =>
    el('rect', {
      x,
      y: cy - 8 * s,
      width: sw,
      height: 16 * s,
      rx: 2 * s,
      fill,
      'fill-opacity': opacity,
      stroke,
      'stroke-width': 1.5 * s,
      'stroke-dasharray': dash,
    });

  heading('Zones');
  const kinds = [...new Set(layout.zones.map((z) => z.kind))];
  for (const kind of kinds) {
    const color = ZONE_COLORS[kind] ?? '#9aa5b1';
    item(swatch(color, 0.28, color), cap(kind));
  }
  cy += row * 0.3;
  heading('Fixtures');
  // Fixture kinds in use, two to a row.
  const fixtureKinds = [...new Set(layout.fixtures.map((f) => f.kind))];
  const colW = (width - 4 * s) / 2;
  fixtureKinds.forEach((kind, i) => {
    const fx = x + (i % 2) * colW;
    parts.push(
      el('rect', {
        x: fx,
        y: cy - 8 * s,
        width: sw,
        height: 16 * s,
        rx: 2 * s,
        fill: FIXTURE_COLORS[kind] ?? '#f4f1ea',
        stroke: '#52606d',
        'stroke-width': 1.2 * s,
      }),
      text(fx + sw + 10 * s, cy, [cap(kind)], { size: font, anchor: 'start' }),
    );
    if (i % 2 === 1 || i === fixtureKinds.length - 1) cy += row;
  });
  cy += row * 0.3;
  heading('Symbols');
  item(swatch('#3e4c59', 1, '#1f2933'), 'Obstacle (column, wall)');
  const ey = cy;
  item(
    el('line', {
      x1: x,
      y1: ey,
      x2: x + sw,
      y2: ey,
      stroke: '#15803d',
      'stroke-width': 4 * s,
      'stroke-linecap': 'round',
    }) + arrow([x + sw / 2, ey], [x + sw / 2, ey - 11 * s], '#15803d', 2 * s),
    'Entrance counting line, arrow points inside',
  );
  item(
    swatch('#0ea5e9', 0.12, '#0284c7', `${n(4 * s)} ${n(3 * s)}`) +
      cameraIcon(x + sw / 2, cy, 15 * s, '#52606d'),
    'Camera and its calibrated floor area',
  );
  item(scannerIcon(x + sw / 2, cy, 5.5 * s, '#52606d'), 'BLE scanner (beacon anchor)');

  if (layout.gateways.length > 0) {
    cy += row * 0.3;
    heading('Gateways');
    layout.gateways.forEach((g, i) => {
      const color = GATEWAY_COLORS[i % GATEWAY_COLORS.length]!;
      const cams = layout.cameras.filter((c) => c.gatewayId === g.id).length;
      const scanners = layout.scanners.filter((c) => c.gatewayId === g.id).length;
      item(el('circle', { cx: x + sw / 2, cy, r: 7 * s, fill: color }), [
        `${g.id}: ${g.name}`,
        `${cams} cameras, ${scanners} scanners`,
      ]);
    });
  }

  cy += row * 0.4;
  const summary = [
    `${layout.zones.length} zones, ${layout.fixtures.length} fixtures`,
    `${layout.entrances.length} entrances, ${layout.cameras.length} cameras`,
    `${layout.scanners.length} scanners, ${layout.staffTags.length} staff tags`,
  ];
  parts.push(text(x, cy + font * 1.15, summary, { size: font, anchor: 'start', fill: '#52606d' }));
  cy += font * 1.15 * 3 + row;
  const origin = `origin ${layout.floor.origin}, grid 1 m`;
  parts.push(
    scaleBar(x, cy, ppm, s),
    text(x, cy + 40 * s, [origin], { size: 11 * s, anchor: 'start', fill: '#7b8794' }),
  );
  return parts.join('');
}

/** A metre scale bar starting at (x, y): four alternating segments of a round length. */
export function scaleBar(x: number, y: number, ppm: number, s: number): string {
  const metres = [1, 2, 5, 10, 20, 50, 100].find((m) => m * ppm >= 100 * s) ?? 100;
  const seg = (metres * ppm) / 4;
  const h = 7 * s;
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) {
    parts.push(
      el('rect', {
        x: x + i * seg,
        y,
        width: seg,
        height: h,
        fill: i % 2 ? '#ffffff' : '#1f2933',
        stroke: '#1f2933',
        'stroke-width': 1,
      }),
    );
  }
  const label = (v: number, px: number) =>
    text(px, y + h + 10 * s, [v === metres ? `${v} m` : `${v}`], { size: 12 * s });
  parts.push(label(0, x), label(metres / 2, x + 2 * seg), label(metres, x + 4 * seg));
  return parts.join('');
}

/** Metre ticks every `step` m along the top and left edges of the floor, labelled in floor coordinates. */
export function edgeTicks(layout: StoreLayout, toPx: (p: Pt) => Pt, s: number): string {
  const { width, depth } = layout.floor;
  const step = [1, 2, 5, 10, 20, 50, 100].find((m) => m >= Math.max(width, depth) / 10) ?? 100;
  const parts: string[] = [];
  const tick = 5 * s;
  const style = { size: 10.5 * s, fill: '#7b8794' };
  const top = Math.min(toPx([0, 0])[1], toPx([0, depth])[1]);
  const left = toPx([0, 0])[0];
  for (let x = 0; x <= width + 1e-9; x += step) {
    const [px] = toPx([x, 0]);
    parts.push(
      el('line', { x1: px, y1: top, x2: px, y2: top - tick, stroke: '#9aa5b1' }),
      text(px, top - tick - 8 * s, [`${x}`], style),
    );
  }
  for (let y = 0; y <= depth + 1e-9; y += step) {
    const [, py] = toPx([0, y]);
    parts.push(
      el('line', { x1: left, y1: py, x2: left - tick, y2: py, stroke: '#9aa5b1' }),
      text(left - tick - 3 * s, py, [`${y}`], { ...style, anchor: 'end' }),
    );
  }
  return parts.join('');
}
