// The recorder on a sim clock driven by fake real time: the clock never gets past what is durably saved.
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedProgress } from './day-progress.js';
import { ProgressRecorder } from './progress-recorder.js';
import { SimClock } from './sim-clock.js';

const OPEN = Date.UTC(2031, 4, 20, 7);
const MIN = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

function setup(o: { endTs?: number; instantSaves?: boolean } = {}) {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  const clock = new SimClock({ startMs: OPEN, speed: 60, realNow: Date.now });
  const saves: SavedProgress[] = [];
  /** The save in progress is durable when this is called; until then it is not. */
  let release: (() => void) | undefined;
  let failNext = false;
  let durable: SavedProgress | undefined;
  const recorder = new ProgressRecorder({
    clock,
    gateways: [
      { gatewayId: 'gw-front', windowSeconds: () => 60 },
      { gatewayId: 'gw-back', windowSeconds: () => 60 },
    ],
    runStartTs: OPEN,
    endTs: o.endTs ?? OPEN + 60 * MIN,
    save: (p) => {
      saves.push(p);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('disk full'));
      }
      if (o.instantSaves) {
        durable = p;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        release = () => {
          durable = p;
          resolve();
        };
      });
    },
    logger: pino({ level: 'silent' }),
    leadMs: 4 * MIN,
  });
  const durablyAt = () => Math.min(...Object.values(durable ?? {}).map((g) => g.resumeTs));
  return {
    clock,
    recorder,
    saves,
    durablyAt,
    release: () => release?.(),
    failNext: () => {
      failNext = true;
    },
  };
}

describe('ProgressRecorder', () => {
  it('saves ahead of the clock and holds the clock until each save is durable', async () => {
    const t = setup();
    const started = t.recorder.start();
    t.release();
    await started;
    expect(t.saves[0]).toEqual({
      'gw-front': { resumeTs: OPEN + 5 * MIN, complete: false },
      'gw-back': { resumeTs: OPEN + 5 * MIN, complete: false },
    });
    t.clock.start();
    for (let i = 0; i < 200; i++) {
      await vi.advanceTimersByTimeAsync(100); // 6 sim seconds a step
      expect(t.clock.now()).toBeLessThanOrEqual(t.durablyAt());
      if (i % 40 === 39) t.release(); // the disk is slow: the clock waits meanwhile
    }
    expect(t.saves.length).toBeGreaterThan(2);
    expect(t.clock.now()).toBeGreaterThan(OPEN + 5 * MIN);
    expect(t.clock.heldMs).toBeGreaterThan(0);
  });

  it('holds the clock when a save fails, and saves again', async () => {
    const t = setup();
    const started = t.recorder.start();
    t.release();
    await started;
    t.clock.start();
    t.failNext();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.clock.now()).toBe(OPEN + 5 * MIN);
    t.release(); // the retry
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.clock.now()).toBeGreaterThan(OPEN + 5 * MIN);
    expect(t.saves.length).toBeGreaterThanOrEqual(3); // the first, the failed one, the retry…
  });

  it('saves where each gateway may resume once the clock is frozen, and whether the day is done', async () => {
    const t = setup({ endTs: OPEN + 3 * MIN, instantSaves: true });
    await t.recorder.start();
    t.clock.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(t.clock.freeze()).toBe(OPEN + 3.5 * MIN);
    const saved = await t.recorder.finish();
    // Stopping published everything up to 07:03:30, the last window [07:03, 07:03:30) early.
    expect(saved).toEqual({
      'gw-back': { resumeTs: OPEN + 4 * MIN, complete: true },
      'gw-front': { resumeTs: OPEN + 4 * MIN, complete: true },
    });
    expect(t.saves.at(-1)).toEqual(saved);
  });

  it('leaves a day stopped before its end incomplete', async () => {
    const t = setup({ instantSaves: true });
    await t.recorder.start();
    t.clock.start();
    await vi.advanceTimersByTimeAsync(1000);
    t.clock.freeze();
    expect((await t.recorder.finish())['gw-front']).toEqual({ resumeTs: OPEN + MIN, complete: false });
  });
});
