// A ReceptionSource over the simulated store: the receptions of reception-model.ts, with beacons no
// classifier accepts (strangers) dropped and counted before anything is delivered. Two ways to run:
// `receptions(from, to)` iterates a time range as fast as the consumer takes it (evaluation), and
// `start()` delivers them paced by a clock (`now()` injected, `timeScale` sim ms per real ms for the
// emulator's accelerated clock), until `toTs` or `stop()`.

import { type Clock, type Sleep, systemSleep } from '../../vision/sources/frame-source.js';
import type { BeaconRole, Reception, ReceptionCounters, ReceptionSource } from '../ble-types.js';
import { newReceptionCounters } from '../ble-types.js';
import { type ReceptionModelOptions, simulateReceptions } from './reception-model.js';

export interface SimulatedReceptionSourceOptions {
  model: ReceptionModelOptions;
  /** What a beacon id is to the store; undefined: a stranger, dropped and counted, never delivered. */
  classify: (beacon: string) => BeaconRole | undefined;
  /** The (sim) clock the paced delivery follows. */
  now: Clock;
  /** Sim ms per real ms (1; 60 plays an hour a minute). */
  timeScale?: number;
  /** Paced delivery starts here (default: `now()` at start) and ends before `toTs`. */
  fromTs?: number;
  toTs: number;
  name?: string;
  sleep?: Sleep;
  /** Longest real sleep between checks of the clock, ms (250): a clock that jumps is followed promptly. */
  maxSleepMs?: number;
}

/** Receptions delivered in one go before the loop yields to the event loop when running behind. */
const BURST = 1000;

export class SimulatedReceptionSource implements ReceptionSource {
  readonly name: string;
  readonly counters: ReceptionCounters = newReceptionCounters();
  readonly #o: SimulatedReceptionSourceOptions;
  #stopped: AbortController | undefined;
  #loop: Promise<void> | undefined;

  constructor(o: SimulatedReceptionSourceOptions) {
    const scale = o.timeScale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`timeScale must be > 0, got ${scale}`);
    this.#o = o;
    this.name =
      o.name ?? `simulated ble (${o.model.anchors.length} anchors, ${o.model.emitters.length} emitters)`;
  }

  /** The kept receptions of [fromTs, toTs), in time order, as fast as they are taken; counts as it goes. */
  *receptions(fromTs: number, toTs: number): Generator<Reception> {
    for (const r of simulateReceptions(this.#o.model, fromTs, toTs)) {
      if (this.#o.classify(r.beacon) === undefined) {
        this.counters.strangers++;
        continue;
      }
      this.counters.delivered++;
      yield r;
    }
  }

  async start(onReception: (r: Reception) => void): Promise<void> {
    if (this.#loop) throw new Error(`${this.name} is already started`);
    const stopped = new AbortController();
    this.#stopped = stopped;
    const fromTs = this.#o.fromTs ?? this.#o.now();
    this.#loop = this.#pace(this.receptions(fromTs, this.#o.toTs), onReception, stopped.signal);
  }

  async stop(): Promise<void> {
    this.#stopped?.abort();
    await this.#loop;
  }

  /** Resolves when every reception up to `toTs` was delivered or the source was stopped. */
  async done(): Promise<void> {
    await this.#loop;
  }

  async #pace(
    source: Generator<Reception>,
    onReception: (r: Reception) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const sleep = this.#o.sleep ?? systemSleep;
    const scale = this.#o.timeScale ?? 1;
    const maxSleep = this.#o.maxSleepMs ?? 250;
    let burst = 0;
    let item = source.next();
    while (!item.done && !signal.aborted) {
      const wait = item.value.ts - this.#o.now();
      if (wait > 0) {
        burst = 0;
        await sleep(Math.min(maxSleep, wait / scale), signal);
        continue;
      }
      onReception(item.value);
      item = source.next();
      if (++burst >= BURST) {
        burst = 0;
        await sleep(0, signal);
      }
    }
    source.return(undefined);
  }
}
