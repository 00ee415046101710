// Multi-object tracking accuracy against ground truth, as MOTChallenge reports it:
// - CLEAR MOT (Bernardin & Stiefelhagen 2008): per frame, a GT object keeps the hypothesis it was
//   matched to in the previous frame if they still overlap (IoU ≥ threshold); the rest are matched
//   by min-cost assignment on 1 − IoU (most pairs, then best overlap). A GT object matched to a
//   different hypothesis than at its last match, however long ago, is an identity switch.
//   MOTA = 1 − (FN + FP + IDSW) / GT. "Previous frame" is the previous frame number present in
//   either input, so a subsampled evaluation continues matches across its gaps.
// - Identity metrics (Ristani et al. 2016): one global one-to-one matching of GT ids to predicted ids
//   maximising the frames where the pair overlaps (IDTP); IDP = IDTP / predicted boxes,
//   IDR = IDTP / GT boxes, IDF1 = 2·IDTP / (GT boxes + predicted boxes).
// As in py-motmetrics. Ratios with a zero denominator are NaN (JSON null).

import { boxIou } from '../box-iou.js';
import type { Box } from '../frame.js';
import { solveLinearAssignment } from '../track/linear-assignment.js';

/** One box of one track in one frame (MOTChallenge columns; x, y top-left, pixels). */
export interface MotRow extends Box {
  frame: number;
  id: number | string;
}

export interface MotMetricsOptions {
  /** Least IoU for a prediction to count as a GT object (0.5). */
  iouThreshold?: number;
}

export interface MotMetrics {
  mota: number;
  /** Mean IoU of matched pairs (MOTChallenge's MOTP as overlap, higher is better). */
  motp: number;
  idf1: number;
  idp: number;
  idr: number;
  /** Matched GT boxes / GT boxes and / predicted boxes. */
  recall: number;
  precision: number;
  idSwitches: number;
  /** Misses (GT boxes matched to nothing). */
  fn: number;
  /** False positives (predicted boxes matched to nothing). */
  fp: number;
  matches: number;
  gtBoxes: number;
  predictedBoxes: number;
  idtp: number;
  gtTracks: number;
  predictedTracks: number;
  frames: number;
}

type Id = number | string;

/** Evaluates predicted tracks against GT. Throws when one id appears twice in one frame of either set. */
export function motMetrics(
  gt: readonly MotRow[],
  predicted: readonly MotRow[],
  options: MotMetricsOptions = {},
): MotMetrics {
  const threshold = options.iouThreshold ?? 0.5;
  const gtFrames = byFrame(gt, 'ground truth');
  const prFrames = byFrame(predicted, 'prediction');
  const frames = [...new Set([...gtFrames.keys(), ...prFrames.keys()])].sort((a, b) => a - b);

  /** Each GT id's most recent hypothesis (identity switches), and the previous frame's matches (continuation). */
  const lastMatch = new Map<Id, Id>();
  let previous = new Map<Id, Id>();
  let matches = 0;
  let iouSum = 0;
  let idSwitches = 0;
  /** Frames where each (gt, predicted) pair overlaps enough: the identity matching's weights. */
  const overlaps = new Map<Id, Map<Id, number>>();

  for (const frame of frames) {
    const g = gtFrames.get(frame) ?? new Map<Id, MotRow>();
    const p = prFrames.get(frame) ?? new Map<Id, MotRow>();
    for (const [gid, gb] of g) {
      for (const [pid, pb] of p) {
        if (boxIou(gb, pb) < threshold) continue;
        const row = overlaps.get(gid) ?? new Map<Id, number>();
        row.set(pid, (row.get(pid) ?? 0) + 1);
        overlaps.set(gid, row);
      }
    }
    const pairs = matchFrame(g, p, previous, threshold);
    previous = new Map(pairs);
    for (const [gid, pid] of pairs) {
      const before = lastMatch.get(gid);
      if (before !== undefined && before !== pid) idSwitches++;
      lastMatch.set(gid, pid);
      iouSum += boxIou(g.get(gid)!, p.get(pid)!);
    }
    matches += pairs.length;
  }

  const gtBoxes = gt.length;
  const predictedBoxes = predicted.length;
  const fn = gtBoxes - matches;
  const fp = predictedBoxes - matches;
  const idtp = identityTruePositives(overlaps);
  return {
    mota: 1 - (fn + fp + idSwitches) / gtBoxes,
    motp: iouSum / matches,
    idf1: (2 * idtp) / (gtBoxes + predictedBoxes),
    idp: idtp / predictedBoxes,
    idr: idtp / gtBoxes,
    recall: matches / gtBoxes,
    precision: matches / predictedBoxes,
    idSwitches,
    fn,
    fp,
    matches,
    gtBoxes,
    predictedBoxes,
    idtp,
    gtTracks: new Set(gt.map((r) => r.id)).size,
    predictedTracks: new Set(predicted.map((r) => r.id)).size,
    frames: frames.length,
  };
}

/** One frame's CLEAR MOT correspondence: still-valid previous matches first, then the assignment. */
function matchFrame(
  g: ReadonlyMap<Id, Box>,
  p: ReadonlyMap<Id, Box>,
  previous: ReadonlyMap<Id, Id>,
  threshold: number,
): [Id, Id][] {
  const pairs: [Id, Id][] = [];
  const takenP = new Set<Id>();
  for (const [gid, gb] of g) {
    const pid = previous.get(gid);
    if (pid === undefined || takenP.has(pid)) continue;
    const pb = p.get(pid);
    if (pb && boxIou(gb, pb) >= threshold) {
      pairs.push([gid, pid]);
      takenP.add(pid);
    }
  }
  const takenG = new Set(pairs.map(([gid]) => gid));
  const gids = [...g.keys()].filter((id) => !takenG.has(id));
  const pids = [...p.keys()].filter((id) => !takenP.has(id));
  const cost = gids.map((gid) =>
    pids.map((pid) => {
      const iou = boxIou(g.get(gid)!, p.get(pid)!);
      return iou >= threshold ? 1 - iou : Number.POSITIVE_INFINITY;
    }),
  );
  for (const [i, j] of solveLinearAssignment(cost, { cols: pids.length }).pairs)
    pairs.push([gids[i]!, pids[j]!]);
  return pairs;
}

/** IDTP: the largest total overlap count of a one-to-one GT id ↔ predicted id matching. */
function identityTruePositives(overlaps: ReadonlyMap<Id, ReadonlyMap<Id, number>>): number {
  const gids = [...overlaps.keys()];
  const pids = [...new Set(gids.flatMap((gid) => [...overlaps.get(gid)!.keys()]))];
  // Maximise Σ count: gate 0 on −count takes every pair worth anything.
  const cost = gids.map((gid) => pids.map((pid) => -(overlaps.get(gid)!.get(pid) ?? 0)));
  const { pairs } = solveLinearAssignment(cost, { maxCost: 0, cols: pids.length });
  return pairs.reduce((s, [i, j]) => s - cost[i]![j]!, 0);
}

function byFrame(rows: readonly MotRow[], what: string): Map<number, Map<Id, MotRow>> {
  const frames = new Map<number, Map<Id, MotRow>>();
  for (const r of rows) {
    let f = frames.get(r.frame);
    if (!f) {
      f = new Map();
      frames.set(r.frame, f);
    }
    if (f.has(r.id)) throw new RangeError(`${what} has id ${r.id} twice in frame ${r.frame}`);
    f.set(r.id, r);
  }
  return frames;
}
