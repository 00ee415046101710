// Positioning accuracy on a recorded log: replay causally, then the error distribution (median, p90)
// over the truth rows. Pure; the command reads the files.
import type { BeaconTruth } from '@retail/contracts';
import type { PositioningMethod, Reception } from '../ble-types.js';
import { type FixSource, quantile, replayAgainstTruth } from '../positioning/causal-replay.js';

export interface BleScore {
  /** Truth rows that got a fix. */
  samples: number;
  /** Truth rows without a fix (beacon not yet or no longer heard by enough anchors). */
  missed: number;
  medianErrorM: number;
  p90ErrorM: number;
  meanErrorM: number;
  method: PositioningMethod;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function summariseErrors(
  errors: readonly number[],
  missed: number,
  method: PositioningMethod,
): BleScore {
  const mean = errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : Number.NaN;
  return {
    samples: errors.length,
    missed,
    medianErrorM: round3(quantile(errors, 0.5)),
    p90ErrorM: round3(quantile(errors, 0.9)),
    meanErrorM: round3(mean),
    method,
  };
}

/** Sorts both inputs by time, replays and scores. */
export function scoreBleLog(
  positioner: FixSource & { method: PositioningMethod },
  receptions: readonly Reception[],
  truths: readonly BeaconTruth[],
  onProgress?: (done: number) => void,
): BleScore {
  const r = [...receptions].sort((a, b) => a.ts - b.ts);
  const t = [...truths].sort((a, b) => a.ts - b.ts);
  const run = replayAgainstTruth(positioner, r, t, onProgress);
  return summariseErrors(run.errors, run.missed, positioner.method);
}
