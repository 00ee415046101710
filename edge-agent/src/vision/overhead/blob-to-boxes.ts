// From foreground blobs to person boxes. Masks rarely give one blob per person: a person in clothes the
// colour of the floor breaks into fragments, and people walking together fuse into one blob. Small
// fragments close to a blob are merged into it; blobs with the area of several people are split by
// k-means on their pixels; what is left much smaller than a person is dropped. A box's size leans on the
// size prior as well as on the mask, which is often missing a dark leg or carrying a shadow's speckle.
import type { Detection } from '../frame.js';
import type { Components } from './connected-components.js';
import { expectedSide, type PersonSizePrior } from './person-size.js';
import { type Pixels, principalExtents, solidity, splitPixels } from './split-pixels.js';

export interface BoxingOptions {
  prior: PersonSizePrior;
  /** Foreground pixels of one person, as a fraction of the prior's side² (how much of its box a person fills). */
  personFill: number;
  /** Groups with fewer pixels than this fraction of side² are not people (noise, a bag, a hand). */
  minFill: number;
  /** Fragments merge when the smaller has less than this share of a person's pixels (two people never do)… */
  mergeBelow: number;
  /** …the gap between their boxes is at most this fraction of the side… */
  mergeGap: number;
  /** …and the merged box is at most this many sides long in each direction. */
  mergeSpan: number;
  /** A group is split when it has more than this many people's worth of pixels (× personFill·side²). */
  splitAbove: number;
  /**
   * A group is also split in two when it has more than `bulkyArea` × side² pixels and is thicker than
   * `bulkyMinor` × side across its principal axis (5–95% of its pixels): one person seen from above is a
   * narrow shape (head, shoulders and legs in a line), two standing close together are a fat one. On the
   * CAVIAR lobby with a reference, one-person blobs are 0.37 side thick (median; 0.61 at the 90th
   * percentile) and blobs of two 0.77 (0.73 at the 10th); 0.6 and 0.7 separate them best end to end.
   * Only single blobs less solid than `bulkySolidity` (see solidity in split-pixels.ts) qualify: two people
   * leave a waist (0.68–0.78 there), a lone synthetic ellipse with a notch about 0.84; and a fragment
   * merged into a blob was already judged part of one person.
   */
  bulkyArea: number;
  bulkyMinor: number;
  bulkySolidity: number;
  /** Never split a group into more parts than this. */
  maxPeople: number;
  /** Boxes longer than this many times their width (either way) are not people: glare strips, door edges. */
  maxAspect: number;
  /** A part's box leaves out this share of its pixels at each end, in x and in y (shadow speckle, a stray arm). */
  trim: number;
  /**
   * A box's width (and height) is `extentWeight` × the part's extent + `sideWeight` × the prior's side:
   * the mask shows only part of a person where clothes match the floor, and adds a shadow's speckle
   * elsewhere, so its extent alone is a noisy size. Least squares against the CAVIAR ground truth gives
   * ≈ 0.6 and 0.55; 0.7 and 0.4 matched best end to end.
   */
  extentWeight: number;
  sideWeight: number;
  /** Parts with fewer pixels than this are never people, however small the prior says people are there. */
  minArea: number;
}

interface Group {
  labels: number[];
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  sx: number;
  sy: number;
}

/** Merging compares every pair of blobs; a frame with more than this many is a lighting change, not people. */
const MAX_BLOBS = 100;

/** One person the blobs show: their box and the pixels it was drawn around. */
export interface PersonPart {
  detection: Detection;
  pixels: Pixels;
}

/** Person boxes with scores in [0, 1]: the share of a typical person's pixels the box holds, capped at 1. */
export function blobsToBoxes(components: Components, width: number, options: BoxingOptions): Detection[] {
  return blobsToParts(components, width, options).map((part) => part.detection);
}

/** As blobsToBoxes, keeping each box's pixels (for tests on the pixels, such as ghost-test.ts). */
export function blobsToParts(components: Components, width: number, options: BoxingOptions): PersonPart[] {
  const blobs =
    components.blobs.length > MAX_BLOBS
      ? [...components.blobs].sort((a, b) => b.area - a.area).slice(0, MAX_BLOBS)
      : components.blobs;
  const groups = mergeFragments(
    blobs.map((blob) => ({
      labels: [blob.label],
      area: blob.area,
      minX: blob.minX,
      minY: blob.minY,
      maxX: blob.maxX,
      maxY: blob.maxY,
      sx: blob.cx * blob.area,
      sy: blob.cy * blob.area,
    })),
    options,
  );
  const pixels = pixelsByLabel(components, width);
  const found: PersonPart[] = [];
  for (const group of groups) {
    const side = expectedSide(options.prior, group.sx / group.area, group.sy / group.area);
    const personArea = options.personFill * side * side;
    const people = Math.min(options.maxPeople, Math.round(group.area / personArea));
    const members = gather(group.labels, pixels);
    const count = partsFor(members, group.labels.length, people, personArea, side, options);
    const parts = count >= 2 ? splitPixels(members, count) : [members];
    for (const part of parts) {
      const detection = boxOf(part, options);
      if (detection !== undefined) found.push({ detection, pixels: part });
    }
  }
  return found;
}

/** Into how many people a group splits: by its area, or in two when it is too bulky for one. */
function partsFor(
  members: Pixels,
  blobs: number,
  people: number,
  personArea: number,
  side: number,
  options: BoxingOptions,
): number {
  const area = members.xs.length;
  if (area > options.splitAbove * personArea && people >= 2) return people;
  if (blobs > 1 || area <= options.bulkyArea * side * side) return 1;
  if (principalExtents(members, options.trim).minor <= options.bulkyMinor * side) return 1;
  return solidity(members) < options.bulkySolidity ? 2 : 1;
}

/** A part's box: around the centre of its pixels' trimmed extent, sized between that extent and the prior. */
function boxOf(part: Pixels, options: BoxingOptions): Detection | undefined {
  const area = part.xs.length;
  if (area === 0) return undefined;
  const cx = part.xs.reduce((sum, x) => sum + x, 0) / area;
  const cy = part.ys.reduce((sum, y) => sum + y, 0) / area;
  const side = expectedSide(options.prior, cx, cy);
  if (area < Math.max(options.minArea, options.minFill * side * side)) return undefined;
  const [x0, x1] = trimmedRange(part.xs, options.trim);
  const [y0, y1] = trimmedRange(part.ys, options.trim);
  const extentW = x1 - x0 + 1;
  const extentH = y1 - y0 + 1;
  if (Math.max(extentW / extentH, extentH / extentW) > options.maxAspect) return undefined;
  const w = options.extentWeight * extentW + options.sideWeight * side;
  const h = options.extentWeight * extentH + options.sideWeight * side;
  const score = Math.min(1, area / (options.personFill * side * side));
  return { x: (x0 + x1 + 1) / 2 - w / 2, y: (y0 + y1 + 1) / 2 - h / 2, w, h, score };
}

/** The values' range without the lowest and highest `trim` share. */
function trimmedRange(values: number[], trim: number): [number, number] {
  const sorted = Int32Array.from(values).sort();
  const cut = Math.floor(trim * sorted.length);
  return [sorted[cut]!, sorted[sorted.length - 1 - cut]!];
}

function pixelsByLabel(components: Components, width: number): Map<number, Pixels> {
  const pixels = new Map<number, Pixels>();
  const { labels } = components;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label === 0) continue;
    let entry = pixels.get(label);
    if (entry === undefined) {
      entry = { xs: [], ys: [] };
      pixels.set(label, entry);
    }
    entry.xs.push(i % width);
    entry.ys.push(Math.floor(i / width));
  }
  return pixels;
}

function gather(labels: readonly number[], pixels: Map<number, Pixels>): Pixels {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const label of labels) {
    const entry = pixels.get(label);
    if (entry === undefined) continue;
    // Element by element: spreading a whole-frame blob into push() would overflow the call stack.
    for (let p = 0; p < entry.xs.length; p++) {
      xs.push(entry.xs[p]!);
      ys.push(entry.ys[p]!);
    }
  }
  return { xs, ys };
}

/** Agglomerative: repeatedly merges the closest pair of groups that passes the size test. */
function mergeFragments(groups: Group[], options: BoxingOptions): Group[] {
  const live = [...groups];
  for (;;) {
    let best: [number, number] | undefined;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let a = 0; a < live.length; a++) {
      for (let b = a + 1; b < live.length; b++) {
        const gap = boxGap(live[a]!, live[b]!);
        if (gap >= bestGap || !mergeable(live[a]!, live[b]!, gap, options)) continue;
        best = [a, b];
        bestGap = gap;
      }
    }
    if (best === undefined) return live;
    const [a, b] = best;
    live[a] = union(live[a]!, live[b]!);
    live.splice(b, 1);
  }
}

function mergeable(a: Group, b: Group, gap: number, options: BoxingOptions): boolean {
  const area = a.area + b.area;
  const side = expectedSide(options.prior, (a.sx + b.sx) / area, (a.sy + b.sy) / area);
  if (Math.min(a.area, b.area) > options.mergeBelow * options.personFill * side * side) return false;
  if (gap > options.mergeGap * side) return false;
  const span = options.mergeSpan * side;
  const w = Math.max(a.maxX, b.maxX) - Math.min(a.minX, b.minX) + 1;
  const h = Math.max(a.maxY, b.maxY) - Math.min(a.minY, b.minY) + 1;
  return w <= span && h <= span;
}

/** Chebyshev gap between two inclusive boxes; 0 when they touch or overlap. */
function boxGap(a: Group, b: Group): number {
  const dx = Math.max(0, Math.max(a.minX, b.minX) - Math.min(a.maxX, b.maxX) - 1);
  const dy = Math.max(0, Math.max(a.minY, b.minY) - Math.min(a.maxY, b.maxY) - 1);
  return Math.max(dx, dy);
}

function union(a: Group, b: Group): Group {
  return {
    labels: [...a.labels, ...b.labels],
    area: a.area + b.area,
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
    sx: a.sx + b.sx,
    sy: a.sy + b.sy,
  };
}
