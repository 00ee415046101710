// What a simulated camera's person detector finds in one frame: the people on the floor taken back
// into the image through the inverse of the camera's homography, boxed as a detector would box them,
// then spoiled the way real detectors are (jitter, misses, occlusion, false positives). Pure.
//
// Box shapes (approximate; the floor homography knows nothing about height):
// - overhead: heads and shoulders from above, centred on the person, ~0.6 m wide at the floor's
//   local scale there (the mean of the image's x and y scales).
// - oblique: the foot point is the box's bottom centre; the body is ~1.7 m tall, converted with the
//   floor's horizontal scale at the feet (px per metre along the image x axis). For a pinhole camera an
//   upright object and a floor segment square to the line of sight at the same distance shrink alike,
//   so this is right up to the camera's tilt, which stretches or squashes the body by cos(tilt) at most.
//   The width is 0.45 × the height.
// Spoiling, per person and frame: a miss (missRate), a few % of box jitter, a score uniform in
// `score`; oblique cameras: covered by nearer bodies beyond occludedDrop, not detected, beyond
// occludedWeak, scored by (1 − covered/2), so often under the tracker's high-score bar (ByteTrack then
// uses it only to keep a track, not to start one); overhead: two blobs overlapping merge into one.
// False positives: Poisson per frame, sized like a person there, scored 0.3–0.45. Nothing is detected
// where its foot point falls under a privacy mask (the detector sees a blanked area).
// Staff are detected like anyone else: a camera cannot tell them apart. Leaving them out is the job of
// the BLE staff tags fused with the tracks, not of the camera.
import {
  type Camera,
  type CameraFloorView,
  cameraFloorView,
  imagePoint,
  pointInPolygon,
  project,
  type Vec2,
} from '@retail/contracts';
import type { Box, Detection, Mounting } from '../vision/frame.js';
import { resolveMounting } from '../vision/mounting.js';

/** The camera's view of the floor (contracts' camera-view.ts), and how its detector boxes people. */
export interface CameraView extends CameraFloorView {
  mounting: Mounting;
}

export interface DetectionModel {
  /** Chance that a visible person is not detected in a frame. */
  missRate: number;
  /** Box position and size noise, standard deviation as a fraction of the box size. */
  jitter: number;
  /** Mean false detections per frame (Poisson), scored low. */
  falsePositivesPerFrame: number;
  /** Scores of clearly seen people are uniform in this range; every score stays in [0.3, 0.95]. */
  score: readonly [number, number];
  /** Oblique: a box covered by nearer ones beyond this fraction is not detected at all… */
  occludedDrop: number;
  /** …and beyond this fraction its score is scaled by (1 − covered / 2). */
  occludedWeak: number;
  /** Oblique: the share of a box's width a body fills, hiding what is behind it. */
  bodyWidth: number;
  /** Overhead: boxes overlapping by more IoU than this merge into one (the blobs touch). */
  overheadMergeIou: number;
}

export const DEFAULT_DETECTION_MODEL: DetectionModel = Object.freeze({
  missRate: 0.07,
  jitter: 0.03,
  falsePositivesPerFrame: 0.05,
  score: [0.55, 0.95] as const,
  occludedDrop: 0.8,
  occludedWeak: 0.4,
  bodyWidth: 0.6,
  overheadMergeIou: 0.5,
});

const PERSON_HEIGHT_M = 1.7;
const OBLIQUE_WIDTH_RATIO = 0.45;
const OVERHEAD_WIDTH_M = 0.6;
const MIN_SCORE = 0.3;
const MAX_SCORE = 0.95;
/** A box cut by the image edge to less than this share of itself is not detected. */
const MIN_VISIBLE_SHARE = 0.4;

export function cameraView(camera: Camera): CameraView {
  const view = cameraFloorView(camera);
  return { ...view, mounting: resolveMounting(camera.mounting, view.toFloor, camera.resolution) };
}

/** The box a perfect detector would draw around a person standing at `floor`, clipped to the image;
 * undefined when the person is not in view. `depth` orders people nearest first (oblique). */
export function personBox(view: CameraView, floor: Vec2): (Box & { depth: number }) | undefined {
  const p = imagePoint(view, floor);
  return p && boxAt(view, p);
}

function boxAt(view: CameraView, p: Vec2): (Box & { depth: number }) | undefined {
  const [u, v] = p;
  let box: Box;
  if (view.mounting === 'overhead') {
    const side = OVERHEAD_WIDTH_M * ((pxPerMetre(view, p, [1, 0]) + pxPerMetre(view, p, [0, 1])) / 2);
    box = { x: u - side / 2, y: v - side / 2, w: side, h: side };
  } else {
    const h = PERSON_HEIGHT_M * pxPerMetre(view, p, [1, 0]);
    const w = OBLIQUE_WIDTH_RATIO * h;
    box = { x: u - w / 2, y: v - h, w, h };
  }
  if (!(box.w > 0 && box.h > 0 && Number.isFinite(box.w + box.h))) return undefined;
  const clipped = clip(box, view.width, view.height);
  if (!clipped || clipped.w * clipped.h < MIN_VISIBLE_SHARE * box.w * box.h) return undefined;
  return { ...clipped, depth: v };
}

/**
 * One frame's detections of the people at `floor` positions. `random` should be keyed by camera and
 * frame, so a frame's detections do not depend on which frames were skipped before it.
 */
export function simulateDetections(
  view: CameraView,
  floor: readonly Vec2[],
  random: () => number,
  model: DetectionModel = DEFAULT_DETECTION_MODEL,
): Detection[] {
  const boxes = floor
    .map((p) => personBox(view, p))
    .filter((b) => b !== undefined)
    .sort((a, b) => b.depth - a.depth); // nearest (lowest in the image) first
  const out: Detection[] = [];
  const seen: Box[] = [];
  for (const box of boxes) {
    const score = uniformIn(random, model.score);
    const missed = random() < model.missRate;
    const noisy = jitterBox(box, model.jitter, random);
    const visible = occlusion(view.mounting, box, seen, model);
    seen.push(box);
    if (missed || visible === undefined) continue;
    const clipped = clip(noisy, view.width, view.height);
    if (clipped) out.push({ ...clipped, score: clampScore(score * visible) });
  }
  for (let n = poisson(random, model.falsePositivesPerFrame); n > 0; n--) {
    const fp = falsePositive(view, random);
    if (fp) out.push(fp);
  }
  return out;
}

/** The score factor left by nearer boxes: 1 when clear, lower when partly covered, undefined when hidden. */
function occlusion(
  mounting: Mounting,
  box: Box,
  nearer: readonly Box[],
  model: DetectionModel,
): number | undefined {
  if (mounting === 'overhead') {
    // From above people hardly hide each other, but two close together make one blob.
    return nearer.some((b) => iou(b, box) > model.overheadMergeIou) ? undefined : 1;
  }
  // A person fills the middle of their box (arms and air at the sides): only that part hides others.
  const covered = Math.min(
    1,
    nearer.reduce((sum, b) => sum + intersection(bodyOf(b, model.bodyWidth), box), 0) / (box.w * box.h),
  );
  if (covered > model.occludedDrop) return undefined;
  return covered > model.occludedWeak ? 1 - covered / 2 : 1;
}

/** A detection where there is nobody (a mannequin, a reflection), sized like a person there, scored low. */
function falsePositive(view: CameraView, random: () => number): Detection | undefined {
  const p: Vec2 = [random() * view.width, random() * view.height];
  if (view.privacyMasks.some((m) => pointInPolygon(p, m))) return undefined;
  const box = boxAt(view, p);
  if (!box) return undefined;
  return { x: box.x, y: box.y, w: box.w, h: box.h, score: MIN_SCORE + random() * 0.15 };
}

/** Image px per floor metre at image point `p` along the image direction `dir`. */
function pxPerMetre(view: CameraView, p: Vec2, dir: Vec2): number {
  const a = project(view.toFloor, [p[0] - dir[0], p[1] - dir[1]]);
  const b = project(view.toFloor, [p[0] + dir[0], p[1] + dir[1]]);
  return 2 / Math.hypot(b[0] - a[0], b[1] - a[1]);
}

function clip(b: Box, width: number, height: number): Box | undefined {
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(width, b.x + b.w);
  const y1 = Math.min(height, b.y + b.h);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : undefined;
}

function bodyOf(b: Box, share: number): Box {
  return { x: b.x + (b.w * (1 - share)) / 2, y: b.y, w: b.w * share, h: b.h };
}

function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function iou(a: Box, b: Box): number {
  const i = intersection(a, b);
  return i > 0 ? i / (a.w * a.h + b.w * b.h - i) : 0;
}

function jitterBox(b: Box, sd: number, random: () => number): Box {
  const w = b.w * Math.max(0.5, 1 + sd * gaussian(random));
  const h = b.h * Math.max(0.5, 1 + sd * gaussian(random));
  const cx = b.x + b.w / 2 + sd * b.w * gaussian(random);
  const cy = b.y + b.h / 2 + sd * b.h * gaussian(random);
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

function clampScore(s: number): number {
  return Math.min(MAX_SCORE, Math.max(MIN_SCORE, s));
}

function uniformIn(random: () => number, [lo, hi]: readonly [number, number]): number {
  return lo + (hi - lo) * random();
}

/** Standard normal (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Poisson by Knuth's product method (fine for the small means used here). */
function poisson(random: () => number, mean: number): number {
  if (!(mean > 0)) return 0;
  const limit = Math.exp(-mean);
  let n = 0;
  for (let p = random(); p > limit; p *= random()) n++;
  return n;
}
