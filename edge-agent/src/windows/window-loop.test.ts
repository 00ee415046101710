// The window loop hands the aggregator its identity source: what fusion says about a track when the
// window closes reaches the published path.
import { observationMetricsSchema } from '@retail/contracts';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import {
  seededRandom,
  T0,
  testLayout,
  testSettings,
  walk,
} from '../core/aggregation/aggregation-test-kit.js';
import { WindowLoop } from './window-loop.js';

const ID1 = '0a1b2c3d4e5f6a7b';

describe('WindowLoop', () => {
  it("gives the aggregator the caller's identity source, asked when the window closes", async () => {
    let now = T0 + 1000;
    const emitted: { kind: string; body: Record<string, unknown> }[] = [];
    const linked = new Set<string>();
    const loop = new WindowLoop({
      now: () => now,
      random: seededRandom(1),
      logger: pino({ level: 'silent' }),
      identityOf: (trackId) => ({ staff: false, rotatingIds: linked.has(trackId) ? [ID1] : [] }),
      emit: async (kind, body) => {
        emitted.push({ kind, body });
      },
      metrics: async () => ({}),
    });
    await loop.configure(testLayout(), testSettings());
    for (const obs of walk('a', T0 + 1000, 2000, [
      [1.5, 6],
      [1.5, 6],
      [7, 6],
    ]))
      loop.observe(obs);
    // Linked after every observation arrived, before the window closes.
    linked.add('a');
    now = T0 + 30_000;
    await loop.stop();
    const paths = emitted.find((e) => e.kind === 'paths')?.body as { paths: { rotatingIds: string[] }[] };
    expect(paths.paths.map((p) => p.rotatingIds)).toEqual([[ID1]]);
  });

  it('logs staff left out at debug only, and any other observation it ignored at info', async () => {
    const lines: { level: number; msg: string; ignored?: Record<string, number> }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    let now = T0 + 1000;
    const loop = new WindowLoop({
      now: () => now,
      random: seededRandom(1),
      logger,
      identityOf: (trackId) => ({ staff: trackId === 'staff', rotatingIds: [] }),
      emit: async () => {},
      metrics: async () => ({}),
    });
    await loop.configure(testLayout(), testSettings());
    for (const obs of walk('staff', T0 + 1000, 2000, [
      [1.5, 6],
      [7, 6],
    ]))
      loop.observe(obs);
    const [valid] = walk('a', T0 + 2000, 2000, [[1.5, 6]]);
    loop.observe({ ...valid!, x: Number.NaN });
    now = T0 + 30_000;
    await loop.stop();
    const info = lines.filter((l) => l.level === 30 && l.msg === 'observations ignored');
    expect(info.map((l) => l.ignored)).toEqual([{ invalid: 1 }]);
    expect(lines.some((l) => l.level === 20 && l.msg === 'staff observations left out')).toBe(true);
  });

  it("publishes in the window's metrics what became of its positions, off the floor plan among them", async () => {
    let now = T0 + 1000;
    const emitted: { kind: string; body: Record<string, unknown> }[] = [];
    const loop = new WindowLoop({
      now: () => now,
      random: seededRandom(1),
      logger: pino({ level: 'silent' }),
      identityOf: (trackId) => ({ staff: trackId === 'staff', rotatingIds: [] }),
      emit: async (kind, body) => {
        emitted.push({ kind, body });
      },
      metrics: async () => ({ outboxDepth: 0 }),
    });
    await loop.configure(testLayout(), testSettings());
    const shopper = walk('a', T0 + 1000, 2000, [
      [1.5, 6],
      [4, 6],
      [7, 6],
    ]);
    const staff = walk('staff', T0 + 1000, 2000, [
      [1.5, 6],
      [7, 6],
    ]);
    // Seen through the shop window, 3 m outside the front wall; and one without a position.
    const street = walk('p', T0 + 1500, 2000, [
      [4.5, -3],
      [6.5, -3],
    ]);
    for (const obs of [...shopper, ...staff, ...street]) loop.observe(obs);
    loop.observe({ ...shopper[0]!, trackId: 'b', x: Number.NaN });
    now = T0 + 30_000;
    await loop.stop();
    const metrics = emitted.find((e) => e.kind === 'metrics')!.body;
    expect(metrics.outboxDepth).toBe(0);
    expect(observationMetricsSchema.parse(metrics.observations)).toEqual({
      received: 8,
      staff: 2,
      offFloor: 2,
      ignored: 1,
    });
  });

  it('publishes no observation counts before it has a layout to aggregate on', async () => {
    const emitted: { kind: string; body: Record<string, unknown> }[] = [];
    let now = T0 + 1000;
    const loop = new WindowLoop({
      now: () => now,
      random: seededRandom(1),
      logger: pino({ level: 'silent' }),
      emit: async (kind, body) => {
        emitted.push({ kind, body });
      },
      metrics: async () => ({}),
    });
    await loop.configure(undefined, testSettings());
    now = T0 + 30_000;
    await loop.stop();
    expect(emitted.map((e) => e.kind)).toEqual(['metrics']);
    expect(emitted[0]!.body).not.toHaveProperty('observations');
  });

  it('closes no window before closeNotBefore, then every window held meanwhile', async () => {
    vi.useFakeTimers();
    try {
      let now = T0 + 1000;
      const closed: number[] = [];
      const loop = new WindowLoop({
        now: () => now,
        random: seededRandom(1),
        logger: pino({ level: 'silent' }),
        graceMs: 0,
        closeNotBefore: () => T0 + 150_000,
        emit: async (kind, body) => {
          if (kind === 'metrics') closed.push(body.windowStart as number);
        },
        metrics: async () => ({}),
      });
      await loop.configure(testLayout(), testSettings());
      // The clock passes two window ends while held.
      now = T0 + 130_000;
      await vi.advanceTimersByTimeAsync(129_000);
      expect(closed).toEqual([]);
      now = T0 + 150_000;
      await vi.advanceTimersByTimeAsync(21_000);
      expect(closed).toEqual([T0, T0 + 60_000]);
      await loop.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
