// What the detector and tracker made of one frame, as marks to draw over it (`edge-agent draw`): each
// kept detection with its score and each track with its id; given ground truth, detections that
// matched a person, those that did not, and the people missed. Then the marks as an SVG the size of
// the frame, to lay over it. Pure: the command reads and writes the images.
import type { Box, Detection } from '../frame.js';
import { matchFrame } from './detection-metrics.js';

export type MarkKind = 'detection' | 'hit' | 'false-positive' | 'miss' | 'track';

export interface Mark {
  kind: MarkKind;
  box: Box;
  label?: string;
}

export interface FrameFindings {
  detections: readonly Detection[];
  tracks: readonly { trackId: string; box: Box }[];
  /** Ground truth boxes of this frame; without them detections are plain `detection` marks. */
  truth?: readonly Box[];
  /** IoU from which a detection matches a ground truth box. */
  iou: number;
  /** Least score a detection needs to be drawn (and counted). */
  minScore: number;
}

export function frameMarks(f: FrameFindings): Mark[] {
  const kept = f.detections.filter((d) => d.score >= f.minScore);
  const score = (d: Detection) => d.score.toFixed(2);
  const marks: Mark[] = [];
  if (f.truth === undefined) {
    for (const d of kept) marks.push({ kind: 'detection', box: d, label: score(d) });
  } else {
    const { pairs } = matchFrame(kept, f.truth, f.iou);
    const hit = new Set(pairs.map((p) => p.prediction));
    const found = new Set(pairs.map((p) => p.truth));
    kept.forEach((d, i) => {
      marks.push({ kind: hit.has(i) ? 'hit' : 'false-positive', box: d, label: score(d) });
    });
    f.truth.forEach((t, i) => {
      if (!found.has(i)) marks.push({ kind: 'miss', box: t });
    });
  }
  for (const t of f.tracks) marks.push({ kind: 'track', box: t.box, label: `#${t.trackId}` });
  return marks;
}

/** Marks of each kind on a frame. */
export function markCounts(marks: readonly Mark[]): Record<MarkKind, number> {
  const counts: Record<MarkKind, number> = { detection: 0, hit: 0, 'false-positive': 0, miss: 0, track: 0 };
  for (const m of marks) counts[m.kind]++;
  return counts;
}

const STYLE: Record<MarkKind, { colour: string; dash?: boolean; thin?: boolean }> = {
  detection: { colour: '#00e676' },
  hit: { colour: '#00e676' },
  'false-positive': { colour: '#ff1744' },
  miss: { colour: '#2979ff', dash: true },
  track: { colour: '#ffd600', dash: true, thin: true },
};

/** The legend line in the top-left corner: what the colours mean, with this frame's counts. */
function legend(marks: readonly Mark[]): { text: string; colour: string }[] {
  const c = markCounts(marks);
  const withTruth = marks.some((m) => m.kind === 'hit' || m.kind === 'false-positive' || m.kind === 'miss');
  const parts = withTruth
    ? [
        { text: `${c.hit} found`, colour: STYLE.hit.colour },
        { text: `${c['false-positive']} false`, colour: STYLE['false-positive'].colour },
        { text: `${c.miss} missed`, colour: STYLE.miss.colour },
      ]
    : [{ text: `${c.detection} found`, colour: STYLE.detection.colour }];
  return [...parts, { text: `${c.track} tracks`, colour: STYLE.track.colour }];
}

const num = (v: number) => String(Math.round(v * 10) / 10);
/** Labels are scores and track ids; anything else is dropped rather than escaped. */
const safe = (label: string) => label.replace(/[^\w#.-]/g, '');

/** An SVG of `width` × `height` pixels with the marks, for compositing over the frame. */
export function marksSvg(width: number, height: number, marks: readonly Mark[]): string {
  const side = Math.min(width, height);
  const stroke = Math.max(1, Math.round(side / 200));
  const font = Math.max(9, Math.round(side / 36));
  const outline = ` stroke="#000" stroke-opacity="0.8" stroke-width="${num(font / 5)}" paint-order="stroke"`;
  const shapes = marks.map((m) => {
    const s = STYLE[m.kind];
    const w = s.thin ? Math.max(1, stroke / 2) : stroke;
    const dash = s.dash ? ` stroke-dasharray="${num(3 * w)} ${num(2 * w)}"` : '';
    const rect = `<rect x="${num(m.box.x)}" y="${num(m.box.y)}" width="${num(m.box.w)}" height="${num(m.box.h)}" fill="none" stroke="${s.colour}" stroke-width="${num(w)}"${dash}/>`;
    if (m.label === undefined) return rect;
    // Scores above the box, track ids below it, so the two never sit on each other.
    const y = m.kind === 'track' ? m.box.y + m.box.h + font : m.box.y - stroke;
    return `${rect}<text x="${num(m.box.x)}" y="${num(Math.max(font, Math.min(height, y)))}" fill="${s.colour}"${outline}>${safe(m.label)}</text>`;
  });
  let x = 4;
  const key = legend(marks).map((p) => {
    const t = `<text x="${x}" y="${font + 2}" fill="${p.colour}">${p.text}</text>`;
    x += Math.round((p.text.length + 2) * font * 0.6);
    return t;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    // Text gets a dark outline under its fill, readable on grass and floor tiles alike.
    `<g font-family="sans-serif" font-size="${font}" stroke="none">`,
    `<rect x="0" y="0" width="${x}" height="${font + 7}" fill="#000" fill-opacity="0.55"/>`,
    ...key,
    ...shapes,
    '</g></svg>',
  ].join('');
}
