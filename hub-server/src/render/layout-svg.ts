// Draws a store layout as a standalone SVG floor plan for people to check: floor, zones, fixtures,
// entrances with their inside direction, cameras with the floor area they are calibrated on, BLE
// scanners, a legend and a scale bar. Pure: same layout in, same markup out.
import type { Entrance, StoreLayout } from '@retail/contracts';
import { type Box, boxOf, LabelPlacer } from './label-placer.js';
import { type Frame, type LayoutSvgOptions, planFrame } from './layout-frame.js';
import {
  around,
  drawLabel,
  entranceLabelCandidates,
  fixtureLabelCandidates,
  type Label,
  zoneLabelCandidates,
} from './layout-labels.js';
import { cameraIcon, edgeTicks, gatewayColor, legend, scannerIcon, titleBlock } from './layout-legend.js';
import {
  arrow,
  centroidOf,
  convexHull,
  el,
  esc,
  FIXTURE_COLORS,
  n,
  type Pt,
  polygon,
  ZONE_COLORS,
} from './svg-primitives.js';

export type { LayoutSvgOptions } from './layout-frame.js';

const ENTRANCE_GREEN = '#15803d';

/** A symbol drawn at a point (camera, scanner) whose id label goes next to it. */
interface Spot {
  id: string;
  at: Pt;
  color: string;
  markup: string;
  radius: number;
  bold: boolean;
}

export function layoutToSvg(layout: StoreLayout, options: LayoutSvgOptions = {}): string {
  const frame = planFrame(layout, options);
  const placer = new LabelPlacer(frame.labelArea);
  const shapes = [floorShapes(layout, frame), zoneShapes(layout, frame), wallShapes(layout, frame, placer)];
  shapes.push(cameraAreas(layout, frame), fixtureShapes(layout, frame, placer));
  const entrances = layout.entrances.map((e) => entranceShape(e, frame, placer));
  shapes.push(...entrances.map((e) => e.markup));
  const spots = [...cameraSpots(layout, frame), ...scannerSpots(layout, frame)];
  for (const spot of spots) {
    const r = spot.radius;
    placer.avoid({ x0: spot.at[0] - r, y0: spot.at[1] - r, x1: spot.at[0] + r, y1: spot.at[1] + r }, 4);
    shapes.push(spot.markup);
  }

  // Labels, most important first; each avoids everything placed before it.
  const labels: string[] = [];
  const put = (candidates: Label[], halo: (l: Label) => boolean, owner?: string, maxCost?: number) => {
    const placed = placer.place(candidates, owner, maxCost);
    if (placed) labels.push(drawLabel(placed, halo(placed)));
  };
  for (const e of entrances) put(e.labels, () => true);
  for (const zone of layout.zones) put(zoneLabelCandidates(zone, frame), () => true);
  for (const spot of spots) {
    const style = { fill: spot.color, bold: spot.bold };
    put(
      around(spot.at[0], spot.at[1], spot.radius + 2 * frame.s, [spot.id], frame.fonts.icon, style),
      () => true,
    );
  }
  for (const fixture of layout.fixtures) {
    const box = boxOf(fixture.polygon.map(frame.toPx));
    const candidates = fixtureLabelCandidates(fixture.name ?? fixture.id, box, frame.fonts.fixture, frame.s);
    // Fixture names are the first thing left out when the plan is too crowded for them.
    put(candidates, (l) => l.fill !== undefined, `fixture:${fixture.id}`, 0.35);
  }

  const { width, height, s } = frame;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    el('title', {}, esc(`${layout.name} — layout v${layout.layoutVersion}`)),
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    options.title === false ? '' : titleBlock(layout, frame.plan.x0, 14 * s, s),
    edgeTicks(layout, frame.toPx, s),
    el('g', { id: 'plan' }, shapes.join('')),
    el('g', { id: 'labels' }, labels.join('')),
    legend(layout, frame.legend.x, frame.legend.y, frame.legend.width, frame.ppm, s),
    '</svg>',
  ].join('\n');
}

function rect(box: Box, attrs: Record<string, string | number>): string {
  return el('rect', { x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0, ...attrs });
}

/** Floor and its 1 m grid, stronger every 5 m. */
function floorShapes(layout: StoreLayout, frame: Frame): string {
  const { plan } = frame;
  const parts = [rect(plan, { fill: '#fbfaf7' })];
  const grid = { stroke: '#e4e7eb' };
  for (let x = 1; x < layout.floor.width; x++) {
    const [px] = frame.toPx([x, 0]);
    parts.push(
      el('line', { x1: px, y1: plan.y0, x2: px, y2: plan.y1, ...grid, 'stroke-width': x % 5 ? 0.5 : 1 }),
    );
  }
  for (let y = 1; y < layout.floor.depth; y++) {
    const [, py] = frame.toPx([0, y]);
    parts.push(
      el('line', { x1: plan.x0, y1: py, x2: plan.x1, y2: py, ...grid, 'stroke-width': y % 5 ? 0.5 : 1 }),
    );
  }
  return parts.join('');
}

/** Obstacles and the outer wall, drawn over the zones. */
function wallShapes(layout: StoreLayout, frame: Frame, placer: LabelPlacer): string {
  const parts: string[] = [];
  for (const obstacle of layout.floor.obstacles) {
    const pts = obstacle.map(frame.toPx);
    parts.push(
      polygon(pts, { 'data-obstacle': 'true', fill: '#3e4c59', stroke: '#1f2933', 'stroke-width': 1 }),
    );
    placer.avoid(boxOf(pts), 2);
  }
  parts.push(rect(frame.plan, { fill: 'none', stroke: '#1f2933', 'stroke-width': 3 * frame.s }));
  return parts.join('');
}

/** Zones, translucent, one colour per kind; the full name is the tooltip. */
function zoneShapes(layout: StoreLayout, frame: Frame): string {
  return layout.zones
    .map((zone) => {
      const color = ZONE_COLORS[zone.kind] ?? '#9aa5b1';
      const attrs = {
        'data-zone': zone.id,
        fill: color,
        'fill-opacity': 0.2,
        stroke: color,
        'stroke-width': 1.5 * frame.s,
      };
      return polygon(zone.polygon.map(frame.toPx), attrs, `${zone.name} (${zone.kind}, ${zone.id})`);
    })
    .join('');
}

/** Each camera's calibrated floor area: the convex hull of its calibration points' floor side. */
function cameraAreas(layout: StoreLayout, frame: Frame): string {
  return layout.cameras
    .map((camera) => {
      const attrs = {
        'data-camera': camera.id,
        fill: '#0ea5e9',
        'fill-opacity': 0.1,
        stroke: gatewayColor(layout, camera.gatewayId),
        'stroke-width': 1.5 * frame.s,
        'stroke-dasharray': `${n(5 * frame.s)} ${n(4 * frame.s)}`,
      };
      const { width, height } = camera.resolution;
      const title = `${camera.id}: ${camera.mounting} camera on ${camera.gatewayId}, ${width}×${height}`;
      return polygon(convexHull(camera.calibration.map((p) => frame.toPx(p.floor))), attrs, title);
    })
    .join('');
}

function fixtureShapes(layout: StoreLayout, frame: Frame, placer: LabelPlacer): string {
  return layout.fixtures
    .map((fixture) => {
      const pts = fixture.polygon.map(frame.toPx);
      placer.avoid(boxOf(pts), 2.5, `fixture:${fixture.id}`);
      const fill = FIXTURE_COLORS[fixture.kind] ?? '#f4f1ea';
      const attrs = { 'data-fixture': fixture.id, fill, stroke: '#52606d', 'stroke-width': 1.2 * frame.s };
      const planogram = fixture.categories.length > 0 ? `: ${fixture.categories.join(', ')}` : '';
      return polygon(pts, attrs, `${fixture.name ?? fixture.id} (${fixture.kind})${planogram}`);
    })
    .join('');
}

/** The counting line with an arrow into the store, and where its name may go. */
function entranceShape(
  entrance: Entrance,
  frame: Frame,
  placer: LabelPlacer,
): { markup: string; labels: Label[] } {
  const [a, b] = entrance.line;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  // `inside` is judged in floor coordinates: left of a → b is the positive cross product, normal (−dy, dx).
  const sign = entrance.inside === 'left' ? 1 : -1;
  const normal: Pt = [(-(b[1] - a[1]) / len) * sign, ((b[0] - a[0]) / len) * sign];
  const mid: Pt = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const at = (d: number) => frame.toPx([mid[0] + normal[0] * d, mid[1] + normal[1] * d]);
  const [pa, pb, pm, tip] = [frame.toPx(a), frame.toPx(b), at(0), at(1.4)];
  placer.avoid(boxOf([pa, pb, tip]), 3);
  const line = el('line', {
    x1: pa[0],
    y1: pa[1],
    x2: pb[0],
    y2: pb[1],
    stroke: ENTRANCE_GREEN,
    'stroke-width': 5 * frame.s,
    'stroke-linecap': 'round',
  });
  const markup = el(
    'g',
    { 'data-entrance': entrance.id },
    line + arrow(pm, tip, ENTRANCE_GREEN, 2.5 * frame.s),
  );
  return {
    markup,
    labels: entranceLabelCandidates(entrance.name, [at(-0.9), at(-0.6), at(-1.3)], pm, frame),
  };
}

/** Camera icons sit at the centre of their calibrated area (the layout does not record where they hang). */
function cameraSpots(layout: StoreLayout, frame: Frame): Spot[] {
  const size = 17 * frame.s;
  return layout.cameras.map((camera) => {
    const at = centroidOf(convexHull(camera.calibration.map((p) => frame.toPx(p.floor))));
    const color = gatewayColor(layout, camera.gatewayId);
    const markup = el('g', { 'data-camera-icon': camera.id }, cameraIcon(at[0], at[1], size, color));
    return { id: camera.id, at, color, markup, radius: size / 2, bold: true };
  });
}

function scannerSpots(layout: StoreLayout, frame: Frame): Spot[] {
  const r = 5.5 * frame.s;
  return layout.scanners.map((scanner) => {
    const at = frame.toPx([scanner.position.x, scanner.position.y]);
    const color = gatewayColor(layout, scanner.gatewayId);
    const title = el('title', {}, esc(`${scanner.id} on ${scanner.gatewayId}, ${scanner.position.z} m high`));
    const markup = el('g', { 'data-scanner': scanner.id }, scannerIcon(at[0], at[1], r, color) + title);
    return { id: scanner.id, at, color, markup, radius: r, bold: false };
  });
}
