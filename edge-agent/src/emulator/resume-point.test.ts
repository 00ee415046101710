// The resume point against the real window loop: run it (on fake timers, closing windows on time) from
// a start to a stop, maybe reconfigured on the way, and see what it published.
import { gatewaySettingsSchema, seededRandom } from '@retail/contracts';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WindowLoop } from '../windows/window-loop.js';
import { resumePointAfterStop, resumePointWhileRunning } from './resume-point.js';

const HOUR = 3_600_000;
const DAY_START = Math.floor(1_800_000_000_000 / HOUR) * HOUR;

interface LoopRun {
  runStartTs: number;
  stopTs: number;
  windowSeconds: number;
  graceMs: number;
  reconfiguredTs?: number;
  /** No window closes before this (BLE fusion warming up). */
  holdUntilTs?: number;
}

/** [windowStart, windowEnd] of every window the loop published, in order. */
async function publishedBy(r: LoopRun): Promise<[number, number][]> {
  vi.useFakeTimers();
  vi.setSystemTime(r.runStartTs);
  const windows: [number, number][] = [];
  const loop = new WindowLoop({
    now: Date.now,
    random: seededRandom(1),
    logger: pino({ level: 'silent' }),
    graceMs: r.graceMs,
    ...(r.holdUntilTs !== undefined && { closeNotBefore: () => r.holdUntilTs }),
    emit: async (kind, body) => {
      if (kind === 'metrics') windows.push([body.windowStart as number, body.windowEnd as number]);
    },
    metrics: async () => ({}),
  });
  const settings = gatewaySettingsSchema.parse({ windowSeconds: r.windowSeconds });
  await loop.configure(undefined, settings);
  if (r.reconfiguredTs !== undefined) {
    await vi.advanceTimersByTimeAsync(r.reconfiguredTs - r.runStartTs);
    await loop.configure(undefined, settings);
  }
  await vi.advanceTimersByTimeAsync(r.stopTs - Date.now());
  await loop.stop();
  return windows;
}

afterEach(() => {
  vi.useRealTimers();
});

const loopRuns = fc
  .record({
    windowSeconds: fc.constantFrom(10, 60, 300),
    graceMs: fc.constantFrom(0, 2000, 4000, 60_000),
    startOffsetMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600_000 })),
    runMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_200_000 })),
    reconfigureAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    holdMs: fc.option(fc.constantFrom(600_000, 90_000), { nil: undefined }),
  })
  .map(({ windowSeconds, graceMs, startOffsetMs, runMs, reconfigureAt, holdMs }) => {
    const runStartTs = DAY_START + startOffsetMs;
    const run: LoopRun = { runStartTs, stopTs: runStartTs + runMs, windowSeconds, graceMs };
    if (reconfigureAt !== undefined) run.reconfiguredTs = runStartTs + Math.floor(reconfigureAt * runMs);
    if (holdMs !== undefined) run.holdUntilTs = runStartTs + holdMs;
    return run;
  });

describe('the resume point after a stop', () => {
  it('is the end of the last window the loop published, so the next run starts with the next one', async () => {
    await fc.assert(
      fc.asyncProperty(loopRuns, async (r) => {
        const windows = await publishedBy(r);
        const point = resumePointAfterStop(r);
        const size = r.windowSeconds * 1000;
        expect(point % size).toBe(0); // a new run's first window starts right there
        // The run's windows tile time (a reconfigure splits one, never repeats it)…
        for (let i = 1; i < windows.length; i++)
          expect(windows[i]![0]).toBeGreaterThanOrEqual(windows[i - 1]![1]);
        // …and the next run starts at the first window boundary after the last of them.
        for (const [, end] of windows) expect(end).toBeLessThanOrEqual(point);
        const lastEnd = Math.max(...windows.map(([, end]) => end));
        if (windows.length > 0) expect(point).toBe(Math.ceil(lastEnd / size) * size);
        else expect(point).toBeLessThanOrEqual(r.stopTs);
      }),
      { numRuns: 150 },
    );
  });

  it('holds with BLE’s minute of grace and its warm-up: everything up to the stop is out', async () => {
    const r = {
      runStartTs: DAY_START,
      stopTs: DAY_START + 5 * 60_000 + 20_000,
      windowSeconds: 60,
      graceMs: 60_000,
      holdUntilTs: DAY_START + 10 * 60_000,
    };
    const windows = await publishedBy(r);
    // Held by the warm-up, nothing had closed before the stop; the stop closed all of them.
    expect(windows).toEqual([
      ...Array.from({ length: 5 }, (_, i) => [DAY_START + i * 60_000, DAY_START + (i + 1) * 60_000]),
      [DAY_START + 5 * 60_000, DAY_START + 5 * 60_000 + 20_000],
    ]);
    expect(resumePointAfterStop(r)).toBe(DAY_START + 6 * 60_000);
  });
});

describe('the resume point while running', () => {
  it('is past every window published by then: the end of the window holding the time', async () => {
    await fc.assert(
      fc.asyncProperty(loopRuns, async (r) => {
        const windows = await publishedBy(r);
        const point = resumePointWhileRunning(r.stopTs, r.windowSeconds);
        for (const [, end] of windows) expect(end).toBeLessThanOrEqual(point);
      }),
      { numRuns: 50 },
    );
  });
});
