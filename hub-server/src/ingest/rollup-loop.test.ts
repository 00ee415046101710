import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RollupLoop, rollupPauseMs } from './rollup-loop.js';

const logger = pino({ level: 'silent' });

/** A queue of `pending` windows that passes take from, failing the first `failures` passes. */
function fakeQueue(pending: number, failures = 0) {
  const q = { pending, failures, passes: 0 };
  const rollUp = async (limit: number) => {
    q.passes++;
    if (q.failures > 0) {
      q.failures--;
      throw new Error('database is locked');
    }
    const taken = Math.min(limit, q.pending);
    q.pending -= taken;
    return taken;
  };
  return { q, rollUp };
}

describe('RollupLoop', () => {
  it('drain resolves once everything queued before it is rolled up, in passes of `batch`', async () => {
    const { q, rollUp } = fakeQueue(12_000);
    const loop = new RollupLoop({ rollUp, logger, batch: 5000, idleMs: 60_000 });
    await loop.start();
    await loop.drain();
    expect(q.pending).toBe(0);
    expect(loop.rolledUp).toBe(12_000);
    q.pending = 7;
    loop.nudge();
    await loop.drain();
    expect(q.pending).toBe(0);
    await loop.stop();
  });

  it('keeps windows queued through a failed pass and retries', async () => {
    const { q, rollUp } = fakeQueue(10, 2);
    const loop = new RollupLoop({ rollUp, logger, idleMs: 1 });
    await loop.start();
    await loop.drain();
    expect(q.pending).toBe(0);
    expect(q.passes).toBeGreaterThanOrEqual(3);
    await loop.stop();
  });

  it('pauses between passes that took windows; an urgent drain or stop cuts the pause short', async () => {
    const { q, rollUp } = fakeQueue(12_000);
    // A pause far longer than the test's timeout: finishing at all shows it was cut short.
    const loop = new RollupLoop({ rollUp, logger, batch: 5000, idleMs: 60_000, pauseMs: 600_000 });
    await loop.start();
    loop.nudge();
    await new Promise((r) => setTimeout(r, 20));
    expect(q.passes).toBe(1); // the first pass took 5000 and the loop is pausing
    let lazyDone = false;
    const lazy = loop.drain({ urgent: false }).then(() => {
      lazyDone = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(lazyDone).toBe(false); // a live-feed drain does not end the pause
    await loop.drain();
    await lazy;
    expect(q.pending).toBe(0);
    q.pending = 6000;
    loop.nudge();
    await new Promise((r) => setTimeout(r, 20));
    await loop.stop();
    expect(q.pending).toBe(0);
  });

  it('pauses by how many windows the pass took: the hub waits longer after big passes', async () => {
    expect(rollupPauseMs(1)).toBe(501);
    expect(rollupPauseMs(1000)).toBe(1500);
    expect(rollupPauseMs(6000)).toBe(2000);
    const { q, rollUp } = fakeQueue(12_000);
    const asked: number[] = [];
    const pauseMs = (taken: number) => {
      asked.push(taken);
      return 5;
    };
    const loop = new RollupLoop({ rollUp, logger, batch: 5000, idleMs: 60_000, pauseMs });
    await loop.start();
    await loop.drain({ urgent: false });
    expect(q.pending).toBe(0);
    expect(asked).toEqual([5000, 5000, 2000]);
    await loop.stop();
  });

  it('stop finishes the queue; drain after stop resolves at once', async () => {
    const { q, rollUp } = fakeQueue(0);
    const loop = new RollupLoop({ rollUp, logger, idleMs: 60_000 });
    await loop.start();
    q.pending = 3;
    await loop.stop();
    expect(q.pending).toBe(0);
    await loop.drain();
  });
});
