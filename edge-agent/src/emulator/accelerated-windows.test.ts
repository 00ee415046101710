// The window loop on the emulator's sim clock: windows close after their length in sim time, which
// at speed 60 is a second of real time per minute window.
import { gatewaySettingsSchema, seededRandom } from '@retail/contracts';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../simulator/simulator-test-kit.js';
import { WindowLoop } from '../windows/window-loop.js';
import { SimClock } from './sim-clock.js';

const START = 1_800_000_000_000; // on a minute
let layout: Awaited<ReturnType<typeof loadDemo>>['layout'];

beforeAll(async () => {
  layout = (await loadDemo()).layout;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WindowLoop with a time scale', () => {
  it('closes a minute window after a real second at speed 60', async () => {
    vi.useFakeTimers();
    const clock = new SimClock({ startMs: START, speed: 60, realNow: Date.now });
    const closed: number[] = [];
    const loop = new WindowLoop({
      now: clock.now,
      timeScale: 60,
      random: seededRandom(1),
      logger: pino({ level: 'silent' }),
      emit: async (kind, body) => {
        if (kind === 'metrics') closed.push(body.windowStart as number);
      },
      metrics: async () => ({}),
    });
    clock.start();
    await loop.configure(layout, gatewaySettingsSchema.parse({ windowSeconds: 60 }));
    await vi.advanceTimersByTimeAsync(900);
    expect(closed).toEqual([]);
    await vi.advanceTimersByTimeAsync(200); // 66 sim s: past the end and the 2 s grace
    expect(closed).toEqual([START]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(closed).toEqual([START, START + 60_000]);
    await loop.stop();
  });

  it('stays stopped when stopped while a window is being closed', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const closed: number[] = [];
    let release: () => void = () => {};
    let slow = true;
    const loop = new WindowLoop({
      now: Date.now,
      random: seededRandom(1),
      logger: pino({ level: 'silent' }),
      emit: async (kind, body) => {
        if (kind !== 'metrics') return;
        closed.push(body.windowStart as number);
        if (slow) await new Promise<void>((r) => (release = r)); // the outbox is slow to take it
      },
      metrics: async () => ({}),
    });
    await loop.configure(layout, gatewaySettingsSchema.parse({ windowSeconds: 10 }));
    await vi.advanceTimersByTimeAsync(12_000);
    expect(closed).toEqual([START]); // and still being queued
    slow = false;
    const stopped = loop.stop();
    release();
    await stopped;
    expect(closed).toEqual([START, START + 10_000]); // the open window, closed early
    await vi.advanceTimersByTimeAsync(60_000);
    expect(closed).toHaveLength(2);
  });
});
