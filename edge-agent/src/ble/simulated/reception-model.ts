// The simulated scanners' receptions, in time order: every emitter advertises at the radio model's
// rate (with a fixed phase per emitter and the spec's 0–10 ms random delay), and every anchor hears
// each packet with the channel of radio-model.ts. Pure and seeded: the same options and time range give
// the same receptions. Randomness is drawn per emitter, so adding one does not reshuffle the others.
import { RSSI_RANGE_DBM } from '@retail/contracts';
import { positionAt } from '../../emulator/population.js';
import { normal, type Random, streamOf } from '../../simulator/random-streams.js';
import type { AnchorSpec, Reception } from '../ble-types.js';
import type { Emitter } from './emitters.js';
import {
  anchorDistance,
  bodyLoss,
  meanRssi,
  type RadioModel,
  radioModel,
  shadowingStep,
} from './radio-model.js';

export interface ReceptionModelOptions {
  emitters: readonly Emitter[];
  /** The scanners that listen (a gateway's, or the whole store's). */
  anchors: readonly AnchorSpec[];
  radio?: Partial<RadioModel>;
  seed: number;
}

/** BLE's advertising delay: each event is postponed by a random 0–10 ms. */
const ADV_DELAY_MS = 10;
/** The heading is the direction of the last this-many metres walked (kept while standing at a shelf). */
const HEADING_STEP_M = 0.5;

interface EmitterState {
  random: Random;
  phaseMs: number;
  shadow: Float64Array;
  lastTs: number;
  lastX: number;
  lastY: number;
  /** Where the carrier was when the heading was last set; it is set again after HEADING_STEP_M. */
  headingFrom: [number, number];
  heading: [number, number];
}

/** The first and last instant an emitter is on the floor. */
function spanOf(e: Emitter): [number, number] {
  const n = Math.floor(e.trajectory.xy.length / 2);
  return [e.trajectory.startTs, e.trajectory.startTs + Math.max(0, n - 1) * e.trajectory.intervalMs];
}

/** Every reception heard in [fromTs, toTs), ordered by time (then anchor order within an instant). */
export function* simulateReceptions(
  o: ReceptionModelOptions,
  fromTs: number,
  toTs: number,
): Generator<Reception> {
  const model = radioModel(o.radio);
  const intervalMs = 1000 / model.advertisingHz;
  const emitters = o.emitters
    .map((e, index) => ({ e, index, span: spanOf(e) }))
    .filter(({ span }) => span[1] >= fromTs && span[0] < toTs)
    .sort((a, b) => a.span[0] - b.span[0] || a.index - b.index);
  const states = new Map<number, EmitterState>();
  let next = 0;
  let active: typeof emitters = [];
  for (let k = Math.floor(fromTs / intervalMs); k * intervalMs < toTs; k++) {
    const tickTs = k * intervalMs;
    while (next < emitters.length && emitters[next]!.span[0] < tickTs + intervalMs) {
      const { e, index } = emitters[next++]!;
      states.set(index, initialState(o.seed, e, o.anchors.length, intervalMs, model));
      active.push(emitters[next - 1]!);
    }
    active = active.filter((a) => {
      if (a.span[1] >= tickTs) return true;
      states.delete(a.index);
      return false;
    });
    const batch: Reception[] = [];
    for (const { e, index } of active) {
      const s = states.get(index)!;
      // The delay is drawn whether or not the emitter is on the floor, so its draws stay aligned.
      const ts = Math.round(tickTs + s.phaseMs + ADV_DELAY_MS * s.random());
      if (ts < fromTs || ts >= toTs) continue;
      const p = positionAt(e.trajectory, ts);
      if (p) hear(batch, s, e.beaconAt(ts), ts, p[0], p[1], o.anchors, model);
    }
    batch.sort((a, b) => a.ts - b.ts);
    yield* batch;
  }
}

function initialState(
  seed: number,
  e: Emitter,
  anchors: number,
  intervalMs: number,
  model: RadioModel,
): EmitterState {
  const random = streamOf(seed, 'ble-emitter', e.key);
  const angle = 2 * Math.PI * random();
  const x = e.trajectory.xy[0] ?? 0;
  const y = e.trajectory.xy[1] ?? 0;
  return {
    random,
    phaseMs: random() * Math.max(0, intervalMs - ADV_DELAY_MS),
    shadow: Float64Array.from({ length: anchors }, () => model.shadowingSigmaDb * normal(random)),
    lastTs: e.trajectory.startTs,
    lastX: x,
    lastY: y,
    headingFrom: [x, y],
    heading: [Math.cos(angle), Math.sin(angle)],
  };
}

/** One advertisement at (x, y): updates the emitter's channel state and adds what each anchor heard. */
function hear(
  out: Reception[],
  s: EmitterState,
  beacon: string,
  ts: number,
  x: number,
  y: number,
  anchors: readonly AnchorSpec[],
  model: RadioModel,
): void {
  const moved = Math.hypot(x - s.lastX, y - s.lastY);
  const elapsed = Math.max(0, ts - s.lastTs);
  const walked = Math.hypot(x - s.headingFrom[0], y - s.headingFrom[1]);
  if (walked >= HEADING_STEP_M) {
    s.heading = [(x - s.headingFrom[0]) / walked, (y - s.headingFrom[1]) / walked];
    s.headingFrom = [x, y];
  }
  anchors.forEach((anchor, i) => {
    s.shadow[i] = shadowingStep(s.shadow[i]!, moved, elapsed, normal(s.random), model);
    const fading = model.fastFadingSigmaDb * normal(s.random);
    const lost = s.random() < model.packetLoss;
    const d = anchorDistance(anchor, x, y, model.emitterHeightM);
    const rssi =
      meanRssi(anchor, d, model) +
      s.shadow[i]! +
      fading -
      bodyLoss(s.heading, anchor.x - x, anchor.y - y, model.bodyLossDb);
    if (lost || rssi < model.thresholdDbm) return;
    const clamped = Math.min(RSSI_RANGE_DBM.max, Math.max(RSSI_RANGE_DBM.min, Math.round(rssi)));
    out.push({ ts, anchor: anchor.id, beacon, rssi: clamped });
  });
  s.lastTs = ts;
  s.lastX = x;
  s.lastY = y;
}
