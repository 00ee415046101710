// Picks trilateration or fingerprinting for a store by how each does on its own calibration data:
// the calibration walk is cut into contiguous time blocks; each block in turn is held out, the models
// are fitted on the rest, and the held-out block is replayed causally through a positioner of each kind.
import type { BeaconTruth } from '@retail/contracts';
import type { AnchorSpec, PositioningMethod, Reception } from '../ble-types.js';
import { quantile, replayAgainstTruth } from './causal-replay.js';
import type { PositionerOptions } from './positioner.js';
import {
  type CalibrationData,
  createPositioner,
  preparePositioning,
  type SetupOptions,
} from './positioning-setup.js';

export interface MethodScore {
  samples: number;
  missed: number;
  medianErrorM: number;
  p90ErrorM: number;
}

export interface MethodChoice {
  method: PositioningMethod;
  folds: number;
  scores: Partial<Record<PositioningMethod, MethodScore>>;
}

export interface MethodChoiceOptions {
  folds?: number;
  setup?: SetupOptions;
  positioner?: Omit<PositionerOptions, 'anchors' | 'method' | 'radioMap'>;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function score(errors: number[], missed: number): MethodScore {
  return {
    samples: errors.length,
    missed,
    medianErrorM: round3(quantile(errors, 0.5)),
    p90ErrorM: round3(quantile(errors, 0.9)),
  };
}

/** Lower (median + p90)/2 wins; a method that fixed under half the rows cannot win. */
function better(a: MethodScore, b: MethodScore): boolean {
  const usable = (s: MethodScore) => s.samples >= s.missed;
  if (usable(a) !== usable(b)) return usable(a);
  return a.medianErrorM + a.p90ErrorM < b.medianErrorM + b.p90ErrorM;
}

export function chooseMethod(
  anchors: readonly AnchorSpec[],
  calibration: CalibrationData,
  options: MethodChoiceOptions = {},
): MethodChoice {
  const truths = [...calibration.truths].sort((a, b) => a.ts - b.ts);
  const receptions = [...calibration.receptions].sort((a, b) => a.ts - b.ts);
  const folds = Math.max(2, Math.min(options.folds ?? 5, truths.length));
  const errors: Record<PositioningMethod, number[]> = { trilateration: [], fingerprint: [] };
  const missed: Record<PositioningMethod, number> = { trilateration: 0, fingerprint: 0 };
  let fingerprintRan = true;
  for (let f = 0; f < folds; f++) {
    const lo = Math.floor((f * truths.length) / folds);
    const hi = Math.floor(((f + 1) * truths.length) / folds);
    const held = truths.slice(lo, hi);
    const first = held[0];
    const last = held[held.length - 1];
    if (!first || !last) continue;
    const inBlock = (ts: number) => ts >= first.ts && ts <= last.ts;
    const train: CalibrationData = {
      receptions: receptions.filter((r) => !inBlock(r.ts)),
      truths: truths.filter((t: BeaconTruth) => !inBlock(t.ts)),
    };
    const test: Reception[] = receptions.filter((r) => inBlock(r.ts));
    const setup = preparePositioning(anchors, train, options.setup);
    for (const method of ['trilateration', 'fingerprint'] as const) {
      if (method === 'fingerprint' && !setup.radioMap) {
        fingerprintRan = false;
        continue;
      }
      const run = replayAgainstTruth(createPositioner(setup, method, options.positioner), test, held);
      errors[method].push(...run.errors);
      missed[method] += run.missed;
    }
  }
  const scores: Partial<Record<PositioningMethod, MethodScore>> = {
    trilateration: score(errors.trilateration, missed.trilateration),
  };
  if (fingerprintRan) scores.fingerprint = score(errors.fingerprint, missed.fingerprint);
  const t = scores.trilateration as MethodScore;
  const fp = scores.fingerprint;
  return { method: fp && better(fp, t) ? 'fingerprint' : 'trilateration', folds, scores };
}
