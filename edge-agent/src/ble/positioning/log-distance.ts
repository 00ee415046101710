// The log-distance path-loss model, rssi = A − 10·n·log10(d), that turns a filtered RSSI into a range:
// per-anchor parameters, defaults for an uncalibrated store, and 3-D distance with the phone's height.
import type { AnchorSpec } from '../ble-types.js';

export interface PathLoss {
  /** dBm received at 1 m. */
  rssiAt1m: number;
  /** Path-loss exponent n (2 in free space, 2–4 indoors). */
  exponent: number;
}

/** Typical phone/tag advertising at 0 dBm heard by an ESP32 indoors. */
export const DEFAULT_PATH_LOSS: PathLoss = { rssiAt1m: -59, exponent: 2.2 };
/** Where a carried phone or a worn tag usually is, metres above the floor. */
export const DEFAULT_BEACON_HEIGHT_M = 1.2;
/** Ranges are never taken below this: the model breaks down in the near field. */
export const MIN_RANGE_M = 0.1;

/** The anchor's own calibration where it has one, the defaults elsewhere. */
export function pathLossOf(anchor: AnchorSpec, fallback: PathLoss = DEFAULT_PATH_LOSS): PathLoss {
  return {
    rssiAt1m: anchor.rssiAt1m ?? fallback.rssiAt1m,
    exponent: anchor.pathLossExponent ?? fallback.exponent,
  };
}

export function rssiAtDistance(d: number, model: PathLoss): number {
  return model.rssiAt1m - 10 * model.exponent * Math.log10(Math.max(d, MIN_RANGE_M));
}

/** The 3-D range the model gives for an RSSI. */
export function distanceForRssi(rssi: number, model: PathLoss): number {
  return Math.max(MIN_RANGE_M, 10 ** ((model.rssiAt1m - rssi) / (10 * model.exponent)));
}

/** 3-D distance from a floor point carried at `height` to an anchor mounted at its z. */
export function distance3d(anchor: AnchorSpec, x: number, y: number, height: number): number {
  const dz = anchor.z - height;
  return Math.sqrt((x - anchor.x) ** 2 + (y - anchor.y) ** 2 + dz * dz);
}
