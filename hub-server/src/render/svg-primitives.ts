// Small, pure SVG building blocks for the layout renderer: escaping, number formatting, shapes, text
// with a halo, and the palette. Everything returns markup strings.

export type Pt = readonly [number, number];

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text and attribute values for XML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Compact number for coordinates: at most 2 decimals, no trailing zeros. */
export function n(v: number): string {
  return String(Math.round(v * 100) / 100 || 0);
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v!)}"`)
    .join('');
}

export function el(tag: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`;
}

export function pointsAttr(points: readonly Pt[]): string {
  return points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
}

/** A polygon; `title` becomes its tooltip (and keeps the full name in the markup). */
export function polygon(points: readonly Pt[], a: Attrs, title?: string): string {
  return el(
    'polygon',
    { points: pointsAttr(points), ...a },
    title === undefined ? undefined : el('title', {}, esc(title)),
  );
}

export interface TextStyle {
  size: number;
  fill?: string;
  weight?: 'normal' | 'bold';
  anchor?: 'start' | 'middle' | 'end';
  /** White outline behind the glyphs so labels stay readable over shapes. */
  halo?: boolean;
  rotate?: number;
}

/** One or more lines of text centred vertically on (x, y). */
export function text(x: number, y: number, lines: readonly string[], style: TextStyle): string {
  const lineHeight = style.size * 1.15;
  const top = y - ((lines.length - 1) * lineHeight) / 2;
  const tspans = lines.map((line, i) => el('tspan', { x, y: top + i * lineHeight }, esc(line))).join('');
  return el(
    'text',
    {
      'font-size': style.size,
      'font-weight': style.weight === 'bold' ? 'bold' : undefined,
      fill: style.fill ?? '#1f2933',
      'text-anchor': style.anchor ?? 'middle',
      'dominant-baseline': 'central',
      stroke: style.halo ? '#ffffff' : undefined,
      'stroke-width': style.halo ? Math.max(2, style.size / 4) : undefined,
      'stroke-linejoin': style.halo ? 'round' : undefined,
      'paint-order': style.halo ? 'stroke' : undefined,
      transform: style.rotate ? `rotate(${n(style.rotate)} ${n(x)} ${n(y)})` : undefined,
    },
    tspans,
  );
}

/** A line with an arrow head at `to`. */
export function arrow(from: Pt, to: Pt, color: string, width: number): string {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.max(6, width * 3.5);
  const base: Pt = [to[0] - ux * head, to[1] - uy * head];
  const left: Pt = [base[0] - uy * head * 0.55, base[1] + ux * head * 0.55];
  const right: Pt = [base[0] + uy * head * 0.55, base[1] - ux * head * 0.55];
  return (
    el('line', { x1: from[0], y1: from[1], x2: base[0], y2: base[1], stroke: color, 'stroke-width': width }) +
    polygon([to, left, right], { fill: color })
  );
}

/** Convex hull (monotone chain), counter-clockwise in a y-up frame; collinear points dropped. */
export function convexHull(points: readonly Pt[]): Pt[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Pt[]): Pt[] => {
    const out: Pt[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(pts), ...half([...pts].reverse())];
}

export function centroidOf(points: readonly Pt[]): Pt {
  const count = points.length || 1;
  return [points.reduce((s, p) => s + p[0], 0) / count, points.reduce((s, p) => s + p[1], 0) / count];
}

/** Rough advance width of a string in a generic sans-serif (DejaVu/Helvetica-like) font. */
export function textWidth(line: string, size: number, bold = false): number {
  return line.length * size * (bold ? 0.64 : 0.58);
}

/** Greedy word wrap to at most `maxWidth` px per line (a single long word overflows). */
export function wrap(label: string, size: number, maxWidth: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Fill colour per zone kind (drawn translucent). */
export const ZONE_COLORS: Record<string, string> = {
  entrance: '#2e9e5b',
  aisle: '#3b7dd8',
  department: '#e0a030',
  checkout: '#8e5bd0',
  display: '#e0567a',
  'staff-only': '#7b8794',
};

/** Fixture fill per kind (opaque, light, so zone colour shows around them). */
export const FIXTURE_COLORS: Record<string, string> = {
  shelf: '#f4f1ea',
  'end-cap': '#fde3c8',
  display: '#fbd5df',
  fridge: '#d6ecfb',
  freezer: '#c5e4f5',
  counter: '#efe2cf',
  checkout: '#e6dcf5',
  bin: '#e3f1d4',
};

/** One colour per gateway, for the scanners and cameras it serves. */
export const GATEWAY_COLORS = ['#0f766e', '#b45309', '#6d28d9', '#be123c', '#1d4ed8', '#4d7c0f'];
