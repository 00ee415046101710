// The radio channel between a phone or tag on a shopper and a ceiling scanner, as the simulated BLE
// source draws it: log-distance path loss with the scanner's calibration, correlated shadowing, fast
// fading, the carrier's body in the way, a receive threshold and lost packets. Plain numbers only.
import type { AnchorSpec } from '../ble-types.js';

export interface RadioModel {
  /** Advertisements per second per emitter (phones and tags advertise at 1–10 Hz). */
  advertisingHz: number;
  /** Height of the phone or tag above the floor, metres. */
  emitterHeightM: number;
  /** Calibration for anchors that carry none. */
  defaultRssiAt1m: number;
  defaultPathLossExponent: number;
  /** Log-normal shadowing: σ of the slowly varying part, dB, per (anchor, emitter). */
  shadowingSigmaDb: number;
  /** Walking this far decorrelates the shadowing by 1/e (Gudmundson's model), metres. */
  shadowingDecorrelationM: number;
  /** Standing still, people and carts moving around decorrelate it by 1/e in this time, ms. */
  shadowingDecorrelationMs: number;
  /** Independent per-packet fading, σ in dB. */
  fastFadingSigmaDb: number;
  /** Extra loss when the carrier's body is straight between the emitter and the anchor, dB. */
  bodyLossDb: number;
  /** Packets weaker than this are not heard, dBm. */
  thresholdDbm: number;
  /** Chance a packet is lost anyway (collisions, scanner busy on another channel). */
  packetLoss: number;
}

export const DEFAULT_RADIO_MODEL: RadioModel = {
  advertisingHz: 2,
  emitterHeightM: 1.2,
  defaultRssiAt1m: -59,
  defaultPathLossExponent: 2,
  shadowingSigmaDb: 4,
  shadowingDecorrelationM: 3,
  shadowingDecorrelationMs: 20_000,
  fastFadingSigmaDb: 2.5,
  bodyLossDb: 8,
  thresholdDbm: -95,
  packetLoss: 0.1,
};

/** The model with overrides, checked: a bad setting is named rather than producing nonsense. */
export function radioModel(overrides: Partial<RadioModel> = {}): RadioModel {
  const m = { ...DEFAULT_RADIO_MODEL, ...overrides };
  const positive: (keyof RadioModel)[] = [
    'advertisingHz',
    'shadowingDecorrelationM',
    'shadowingDecorrelationMs',
  ];
  for (const key of positive) {
    if (!(m[key] > 0) || !Number.isFinite(m[key]))
      throw new RangeError(`radio.${key} must be > 0, got ${m[key]}`);
  }
  const nonNegative: (keyof RadioModel)[] = [
    'emitterHeightM',
    'shadowingSigmaDb',
    'fastFadingSigmaDb',
    'bodyLossDb',
  ];
  for (const key of nonNegative) {
    if (!(m[key] >= 0) || !Number.isFinite(m[key]))
      throw new RangeError(`radio.${key} must be ≥ 0, got ${m[key]}`);
  }
  if (!(m.packetLoss >= 0 && m.packetLoss < 1)) {
    throw new RangeError(`radio.packetLoss must be in [0, 1), got ${m.packetLoss}`);
  }
  if (m.advertisingHz > 50) throw new RangeError(`radio.advertisingHz must be ≤ 50, got ${m.advertisingHz}`);
  return m;
}

/** Distance in 3-D from an emitter at (x, y, height) to the anchor, at least 10 cm. */
export function anchorDistance(anchor: AnchorSpec, x: number, y: number, heightM: number): number {
  return Math.max(0.1, Math.hypot(anchor.x - x, anchor.y - y, anchor.z - heightM));
}

/** Mean received power at a distance, dBm: rssiAt1m − 10·n·log10(d). */
export function meanRssi(anchor: AnchorSpec, distanceM: number, model: RadioModel): number {
  const at1m = anchor.rssiAt1m ?? model.defaultRssiAt1m;
  const n = anchor.pathLossExponent ?? model.defaultPathLossExponent;
  return at1m - 10 * n * Math.log10(Math.max(0.1, distanceM));
}

/**
 * The body-blocking loss for a carrier facing `heading` (unit vector): none when the anchor is ahead,
 * all of `bodyLossDb` when it is straight behind, in between by the cosine.
 */
export function bodyLoss(
  heading: readonly [number, number],
  dx: number,
  dy: number,
  bodyLossDb: number,
): number {
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return 0;
  const cos = (heading[0] * dx + heading[1] * dy) / len;
  return bodyLossDb * Math.max(0, -cos);
}

/**
 * One step of the shadowing AR(1) process: correlation ρ = exp(−moved/dDecorr − Δt/τ), so the
 * stationary σ is kept and the value is smooth in space and time.
 */
export function shadowingStep(
  previous: number,
  movedM: number,
  elapsedMs: number,
  normal: number,
  model: RadioModel,
): number {
  const rho = Math.exp(-movedM / model.shadowingDecorrelationM - elapsedMs / model.shadowingDecorrelationMs);
  return rho * previous + Math.sqrt(1 - rho * rho) * model.shadowingSigmaDb * normal;
}
