// Simulated time for the gateway emulator: a scenario day replayed faster than real time. Sim time
// is `startMs + (real elapsed) × speed`; everything in an emulated gateway (sources, window closing,
// outbox, status) reads this one clock, so a whole store's gateways share it. Real time is injected.
//
// `speed` is an upper bound: consumers that must see every moment (the simulated cameras) report how
// far they have got, and the clock waits for the slowest of them beyond `maxLeadMs`. On a busy machine
// the day then plays slower instead of cameras skipping frames, so the figures do not depend on load.
// It may also be held at a limit (`allowUntil`: the emulator's saved progress must stay ahead of what
// the gateways publish) and frozen for good (`freeze`: shutting down at a known instant).
import { parseTimestamp } from '@retail/contracts';
import type { Scenario } from '../simulator/scenario-schema.js';
import { civilDate } from '../simulator/scenario-time.js';

const MS_PER_DAY = 86_400_000;

export interface SimClockOptions {
  /** Sim time (epoch ms) at `start()`. */
  startMs: number;
  /** Sim milliseconds per real millisecond (60: an hour a minute). */
  speed: number;
  /** The real clock (Date.now in production, a fake in tests). */
  realNow: () => number;
  /** How far (sim ms) the clock may run ahead of the slowest consumer it keeps up with (2000). */
  maxLeadMs?: number;
}

export class SimClock {
  readonly startMs: number;
  readonly speed: number;
  readonly maxLeadMs: number;
  readonly #realNow: () => number;
  readonly #consumers = new Map<object, number>();
  #realStart: number | undefined;
  /** Sim ms the clock stood still for its consumers. */
  #heldMs = 0;
  #last: number;
  #until = Number.POSITIVE_INFINITY;
  #frozen = false;

  constructor(o: SimClockOptions) {
    if (!(o.speed > 0) || !Number.isFinite(o.speed))
      throw new RangeError(`speed must be > 0, got ${o.speed}`);
    this.startMs = o.startMs;
    this.speed = o.speed;
    this.maxLeadMs = o.maxLeadMs ?? 2000;
    this.#realNow = o.realNow;
    this.#last = o.startMs;
  }

  /** Time starts running; before this, `now()` stays at `startMs`. */
  start(): void {
    this.#realStart ??= this.#realNow();
  }

  /** Sim epoch ms, whole milliseconds (window bounds and message times are integers); never decreasing. */
  readonly now = (): number => {
    if (this.#realStart === undefined || this.#frozen) return this.#last;
    let t = this.startMs + Math.floor((this.#realNow() - this.#realStart) * this.speed) - this.#heldMs;
    let slowest = Number.POSITIVE_INFINITY;
    for (const ts of this.#consumers.values()) slowest = Math.min(slowest, ts);
    const limit = Math.min(slowest + this.maxLeadMs, this.#until);
    if (t > limit) {
      // Stand still until the slowest consumer catches up (or the limit is raised); afterwards run on
      // from here, not jump.
      this.#heldMs += t - limit;
      t = limit;
    }
    this.#last = Math.max(this.#last, t);
    return this.#last;
  };

  /** A consumer has got as far as `ts`; undefined: it is done and no longer waited for. */
  progress(consumer: object, ts: number | undefined): void {
    if (ts === undefined) this.#consumers.delete(consumer);
    else this.#consumers.set(consumer, ts);
  }

  /** The clock goes no further than `simMs` until called again with a later limit (never backwards). */
  allowUntil(simMs: number): void {
    this.#until = simMs;
  }

  /** The clock stops where it is, for good: `now()` returns the same instant from here on. */
  freeze(): number {
    const t = this.now();
    this.#frozen = true;
    return t;
  }

  /** Sim ms the clock has stood still waiting for its consumers or its limit (how far behind `speed` it runs). */
  get heldMs(): number {
    return this.#heldMs;
  }

  /** Real milliseconds until sim time reaches `simMs` (0 when already past). */
  realDelayUntil(simMs: number): number {
    return Math.max(0, (simMs - this.now()) / this.speed);
  }
}

/** Which calendar date the emulated day is played on: today (a demo shows "today"), the scenario's own
 * date, or a given `YYYY-MM-DD`. */
export type DateChoice = 'today' | 'scenario' | string;

/** `--date` as the local date (YYYY-MM-DD) to play the day on; undefined keeps the scenario's. */
export function targetDate(
  choice: DateChoice,
  realNowMs: number,
  utcOffsetMinutes: number,
): string | undefined {
  if (choice === 'scenario') return undefined;
  if (choice === 'today') return civilDate(realNowMs + utcOffsetMinutes * 60_000);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(choice) || !parseTimestamp(choice).ok)
    throw new RangeError(`--date must be YYYY-MM-DD, "today" or "scenario", got "${choice}"`);
  return choice;
}

/**
 * The scenario with its start date moved so that day `dayIndex` falls on `date`. Every random draw of
 * the simulator is keyed by day index, never by date, so the day plays out exactly as on its own date.
 */
export function rebaseScenario(scenario: Scenario, dayIndex: number, date: string): Scenario {
  const parsed = parseTimestamp(date);
  if (!parsed.ok) throw new RangeError(`date: ${parsed.message}`);
  return { ...scenario, startDate: civilDate(parsed.value - dayIndex * MS_PER_DAY) };
}
