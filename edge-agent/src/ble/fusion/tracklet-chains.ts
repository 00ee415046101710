// Which camera track is the next fragment of which: a tracker that loses a person (occlusion, leaving
// one camera's view for another's) gives them a fresh id, and fusion should carry what it knew about
// them across. A track that starts shortly after another ended, about where a walking person could
// have got to, continues it — but only when the pairing is unambiguous both ways: the new track's
// only plausible predecessor (or clearly the nearest) and that predecessor's only plausible successor
// (or clearly the nearest). Ambiguous continuations chain nothing. Pure.
import type { FusionOptions } from './fusion-options.js';

/** Where and when a track began and (so far) ended. */
export interface TrackEnds {
  firstTs: number;
  lastTs: number;
  first: readonly [number, number];
  last: readonly [number, number];
  /** Velocity over the first and the last second, m/s, where the track lasted that long. */
  startVelocity?: readonly [number, number] | undefined;
  endVelocity?: readonly [number, number] | undefined;
}

/** Speed below which a track's heading says nothing, m/s. */
const MIN_HEADING_SPEED = 0.4;
/** A continuation that turns by more than this (cosine) from the end heading is no continuation. */
const MAX_TURN_COS = -0.5;

export type ChainOptions = Pick<
  FusionOptions,
  'chainMaxGapMs' | 'chainOverlapMs' | 'chainSpeedMps' | 'chainSlackM' | 'chainClearRatio'
>;

/**
 * How far `next` began from where `prev` ended, m, when `next` could be `prev`'s person re-acquired:
 * began within [−chainOverlapMs, chainMaxGapMs] of prev's end, after prev began, and within
 * chainSpeedMps × gap + chainSlackM of its last position. Undefined when it could not.
 */
export function continuationDistance(prev: TrackEnds, next: TrackEnds, o: ChainOptions): number | undefined {
  const gap = next.firstTs - prev.lastTs;
  if (gap < -o.chainOverlapMs || gap > o.chainMaxGapMs || next.firstTs <= prev.firstTs) return undefined;
  if (reverses(prev.endVelocity, next.startVelocity)) return undefined;
  const d = Math.hypot(next.first[0] - prev.last[0], next.first[1] - prev.last[1]);
  const reach = (o.chainSpeedMps * Math.max(0, gap)) / 1000 + o.chainSlackM;
  return d <= reach ? d : undefined;
}

/**
 * The candidate at the smallest distance when it is the only one or clearly the nearest: every other
 * is at least chainClearRatio times as far, plus chainSlackM. Undefined when there is none or a tie.
 */
export function clearlyNearest<K>(
  candidates: Iterable<readonly [K, number]>,
  o: Pick<ChainOptions, 'chainClearRatio' | 'chainSlackM'>,
): K | undefined {
  let best: K | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  let secondD = Number.POSITIVE_INFINITY;
  for (const [k, d] of candidates) {
    if (d < bestD) {
      secondD = bestD;
      bestD = d;
      best = k;
    } else if (d < secondD) secondD = d;
  }
  if (best === undefined) return undefined;
  return secondD >= o.chainClearRatio * bestD + o.chainSlackM ? best : undefined;
}

/**
 * Whether the new track heads back the way the old one came: one person leaving where another arrives
 * (a door), not a person re-acquired, who keeps walking on.
 */
function reverses(
  end: readonly [number, number] | undefined,
  start: readonly [number, number] | undefined,
): boolean {
  if (!end || !start) return false;
  const a = Math.hypot(end[0], end[1]);
  const b = Math.hypot(start[0], start[1]);
  if (a < MIN_HEADING_SPEED || b < MIN_HEADING_SPEED) return false;
  return (end[0] * start[0] + end[1] * start[1]) / (a * b) < MAX_TURN_COS;
}
