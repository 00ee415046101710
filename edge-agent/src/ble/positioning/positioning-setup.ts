// From anchors and (optionally) calibration data to everything a positioner needs: fitted path-loss
// per anchor with its RMS, and the fingerprint radio map with its leave-one-out k.
import type { BeaconTruth } from '@retail/contracts';
import type { AnchorSpec, PositioningMethod, Reception } from '../ble-types.js';
import {
  type CalibrationFitOptions,
  fitPathLoss,
  type PathLossFit,
  withPathLoss,
} from './calibration-fit.js';
import { buildCalibrationSamples, DEFAULT_CALIBRATION_SET } from './calibration-set.js';
import { buildRadioMap, type FingerprintOptions, type RadioMap } from './fingerprint.js';
import { DEFAULT_BEACON_HEIGHT_M } from './log-distance.js';
import { Positioner, type PositionerOptions } from './positioner.js';

export interface CalibrationData {
  receptions: readonly Reception[];
  truths: readonly BeaconTruth[];
}

export interface SetupOptions {
  beaconHeightM?: number;
  fit?: Partial<CalibrationFitOptions>;
  fingerprint?: Partial<FingerprintOptions>;
  /** Receptions within this many ms of a truth row count as heard there. */
  matchMs?: number;
}

export interface PositioningSetup {
  /** Anchors with the fitted (or their own, or default) path-loss written in. */
  anchors: AnchorSpec[];
  fits?: PathLossFit[];
  radioMap?: RadioMap & { looErrorM: number };
  modelErrorDb: Map<string, number>;
  beaconHeightM: number;
}

export function preparePositioning(
  anchors: readonly AnchorSpec[],
  calibration?: CalibrationData,
  options: SetupOptions = {},
): PositioningSetup {
  const beaconHeightM = options.beaconHeightM ?? DEFAULT_BEACON_HEIGHT_M;
  if (!calibration) return { anchors: [...anchors], modelErrorDb: new Map(), beaconHeightM };
  const samples = buildCalibrationSamples(
    calibration.receptions,
    calibration.truths,
    anchors.map((a) => a.id),
    { matchMs: options.matchMs ?? DEFAULT_CALIBRATION_SET.matchMs },
  );
  const fits = fitPathLoss(anchors, samples, { ...options.fit, beaconHeightM });
  const modelErrorDb = new Map(fits.filter((f) => Number.isFinite(f.rmsDb)).map((f) => [f.anchor, f.rmsDb]));
  const setup: PositioningSetup = { anchors: withPathLoss(anchors, fits), fits, modelErrorDb, beaconHeightM };
  if (samples.length >= 2) setup.radioMap = buildRadioMap(samples, anchors.length, options.fingerprint);
  return setup;
}

/** Methods the setup can run: fingerprinting only with a radio map. */
export function availableMethods(setup: PositioningSetup): PositioningMethod[] {
  return setup.radioMap ? ['trilateration', 'fingerprint'] : ['trilateration'];
}

export function createPositioner(
  setup: PositioningSetup,
  method: PositioningMethod,
  options: Omit<PositionerOptions, 'anchors' | 'method' | 'radioMap'> = {},
): Positioner {
  return new Positioner({
    anchors: setup.anchors,
    method,
    modelErrorDb: setup.modelErrorDb,
    beaconHeightM: setup.beaconHeightM,
    ...(setup.radioMap ? { radioMap: setup.radioMap } : {}),
    ...options,
  });
}
