// Label candidates for the floor plan: the text, its box, where it may go, and how it is drawn.
import { pointInPolygon, type Zone } from '@retail/contracts';
import { type Box, boxOf, type Candidate } from './label-placer.js';
import type { Frame } from './layout-frame.js';
import { type Pt, text, textWidth, wrap } from './svg-primitives.js';

export interface Label extends Candidate {
  lines: string[];
  size: number;
  bold?: boolean;
  rotate?: boolean;
  fill?: string;
}

/** A label's candidate box at (x, y), horizontal or turned a quarter anticlockwise. */
export function label(
  x: number,
  y: number,
  lines: string[],
  size: number,
  extra: Partial<Label> = {},
): Label {
  const w = Math.max(...lines.map((l) => textWidth(l, size, extra.bold))) + size * 0.5;
  const h = lines.length * size * 1.15 + size * 0.2;
  return extra.rotate ? { x, y, w: h, h: w, lines, size, ...extra } : { x, y, w, h, lines, size, ...extra };
}

export function drawLabel(l: Label, halo: boolean): string {
  return text(l.x, l.y, l.lines, {
    size: l.size,
    weight: l.bold ? 'bold' : 'normal',
    halo,
    ...(l.fill ? { fill: l.fill } : {}),
    ...(l.rotate ? { rotate: -90 } : {}),
  });
}

/** Positions around a point at distance d: right, left, above, below, then the diagonals. */
export function around(
  x: number,
  y: number,
  d: number,
  lines: string[],
  size: number,
  extra: Partial<Label> = {},
): Label[] {
  const probe = label(0, 0, lines, size, extra);
  const dx = d + probe.w / 2;
  const dy = d + probe.h / 2;
  const spots: [number, number][] = [
    [dx, 0],
    [-dx, 0],
    [0, -dy],
    [0, dy],
    [dx, -dy],
    [-dx, -dy],
    [dx, dy],
    [-dx, dy],
  ];
  return spots.map(([ox, oy], i) =>
    label(x + ox, y + oy, lines, size, { ...extra, penalty: (extra.penalty ?? 0) + i * 0.01 }),
  );
}

/** The zone's name, wrapped to its width, tried on a grid of spots and preferring the middle. */
export function zoneLabelCandidates(zone: Zone, frame: Frame): Label[] {
  const box = boxOf(zone.polygon.map(frame.toPx));
  const size = frame.fonts.zone;
  const lines = wrap(zone.name, size, Math.max(box.x1 - box.x0 - 10 * frame.s, size * 4), true);
  const out: Label[] = [];
  for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.06, 0.94]) {
    for (const fx of [0.5, 0.35, 0.65]) {
      const x = box.x0 + (box.x1 - box.x0) * fx;
      const y = box.y0 + (box.y1 - box.y0) * fy;
      const inZone = pointInPolygon(frame.toFloor([x, y]), zone.polygon);
      const penalty = Math.abs(fx - 0.5) * 0.2 + Math.abs(fy - 0.5) * 0.1 + (inZone ? 0 : 5);
      out.push(label(x, y, lines, size, { bold: true, within: box, penalty }));
    }
  }
  return out;
}

/** An entrance's name just outside its counting line, else anywhere around the line's middle. */
export function entranceLabelCandidates(
  name: string,
  outside: readonly Pt[],
  middle: Pt,
  frame: Frame,
): Label[] {
  const style = { bold: true, fill: '#15803d' };
  const size = frame.fonts.icon;
  return [
    ...outside.map(([x, y], i) => label(x, y, [name], size, { ...style, penalty: i * 0.01 })),
    ...around(middle[0], middle[1], 8 * frame.s, [name], size, { ...style, penalty: 0.05 }),
  ];
}

/** Inside the fixture (straight, turned, or wrapped) when it fits, otherwise just outside it. */
export function fixtureLabelCandidates(name: string, box: Box, size: number, s: number): Label[] {
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const fits = (l: Label) => l.w <= bw + 1 && l.h <= bh + 1;
  // Centred first, then slid along the fixture's long side, in case a symbol sits on the centre.
  const inside = [0, -0.25, 0.25].flatMap((t) => {
    const penalty = Math.abs(t) * 0.04;
    const [x, y] = bw >= bh ? [cx + t * bw, cy] : [cx, cy + t * bh];
    return [
      label(x, y, [name], size, { penalty }),
      label(x, y, [name], size, { penalty, rotate: true }),
      label(x, y, wrap(name, size, bw - size * 0.5), size, { penalty }),
      label(x, y, wrap(name, size, bh - size * 0.5), size, { penalty, rotate: true }),
    ];
  });
  const fitting = inside.filter(
    (l) =>
      fits(l) &&
      l.x - l.w / 2 >= box.x0 - 1 &&
      l.x + l.w / 2 <= box.x1 + 1 &&
      l.y - l.h / 2 >= box.y0 - 1 &&
      l.y + l.h / 2 <= box.y1 + 1,
  );
  if (fitting.length > 0) return fitting;
  const lines = [[name], wrap(name, size, Math.max(bw + 8 * s, 60 * s))];
  const out: Label[] = [];
  for (const l of lines) {
    const probe = label(0, 0, l, size);
    const gap = 1.5 * s;
    out.push(
      label(cx, box.y1 + gap + probe.h / 2, l, size, { penalty: 0.02, fill: '#3e4c59' }),
      label(cx, box.y0 - gap - probe.h / 2, l, size, { penalty: 0.03, fill: '#3e4c59' }),
      label(box.x1 + gap + probe.w / 2, cy, l, size, { penalty: 0.04, fill: '#3e4c59' }),
      label(box.x0 - gap - probe.w / 2, cy, l, size, { penalty: 0.05, fill: '#3e4c59' }),
    );
  }
  return out;
}
