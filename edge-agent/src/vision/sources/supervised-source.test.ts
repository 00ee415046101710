import { waitFor } from '@retail/contracts/testing';
import { describe, expect, it } from 'vitest';
import { FakeClock } from './source-test-kit.js';
import {
  PermanentSourceError,
  type Session,
  type SessionContext,
  SupervisedSource,
} from './supervised-source.js';

const retry = { initialMs: 100, maxMs: 1000, jitter: 0 };
const frameOf = (n: number) => ({ kind: 'encoded' as const, data: Uint8Array.of(n) });

/** A scripted session: each call runs the next step; a step emits frames, then fails, ends or waits for stop. */
function scripted(steps: Array<{ frames?: number; outcome: 'fail' | 'end' | 'hang' | 'permanent' }>) {
  let call = 0;
  const session: Session = async (ctx: SessionContext) => {
    const step = steps[Math.min(call++, steps.length - 1)]!;
    for (let i = 0; i < (step.frames ?? 0); i++) ctx.emit(frameOf(i));
    if (step.outcome === 'fail') throw new Error(`attempt ${call} failed`);
    if (step.outcome === 'permanent') throw new PermanentSourceError('no binary');
    if (step.outcome === 'hang') await new Promise((r) => ctx.signal.addEventListener('abort', r));
  };
  return { session, calls: () => call };
}

describe('SupervisedSource', () => {
  it('restarts a failing session with a growing backoff and recovers', async () => {
    const clock = new FakeClock(5000);
    const { session, calls } = scripted([
      { outcome: 'fail' },
      { outcome: 'fail' },
      { frames: 2, outcome: 'hang' },
    ]);
    const source = new SupervisedSource({
      description: 't',
      session,
      now: clock.now,
      sleep: clock.sleep,
      retry,
    });
    await source.start();
    expect(
      await waitFor(
        () => clock.pending[0],
        (at) => at !== undefined,
      ),
    ).toBe(5100);
    expect(source.stats()).toMatchObject({ state: 'retrying', restarts: 0, lastError: 'attempt 1 failed' });
    clock.advance(100);
    expect(
      await waitFor(
        () => clock.pending[0],
        (at) => at !== undefined,
      ),
    ).toBe(5300);
    clock.advance(200);
    await waitFor(
      () => source.stats().state,
      (s) => s === 'running',
    );
    expect(await source.next()).toEqual({ kind: 'encoded', data: Uint8Array.of(1), seq: 1, ts: 5300 });
    expect(source.stats()).toMatchObject({ received: 2, delivered: 1, dropped: 1, restarts: 2 });
    expect(calls()).toBe(3);
    await source.stop();
    expect(source.stats().state).toBe('ended');
    expect(await source.next()).toBeNull();
  });

  it('is dead after maxRetries consecutive failures, and next() then answers null', async () => {
    const clock = new FakeClock();
    const { session } = scripted([{ outcome: 'fail' }]);
    const source = new SupervisedSource({
      description: 't',
      session,
      now: clock.now,
      sleep: clock.sleep,
      retry,
      maxRetries: 2,
    });
    await source.start();
    const next = source.next();
    for (let i = 0; i < 2; i++) {
      await waitFor(
        () => clock.pending.length,
        (n) => n === 1,
      );
      clock.advance(1000);
    }
    expect(await next).toBeNull();
    expect(source.stats()).toMatchObject({ state: 'dead', restarts: 2, lastError: 'attempt 3 failed' });
  });

  it('counts failures afresh after a session that delivered frames', async () => {
    const clock = new FakeClock();
    const { session } = scripted([{ outcome: 'fail' }, { frames: 1, outcome: 'fail' }, { outcome: 'fail' }]);
    const source = new SupervisedSource({
      description: 't',
      session,
      now: clock.now,
      sleep: clock.sleep,
      retry,
      maxRetries: 1,
    });
    await source.start();
    await waitFor(
      () => clock.pending.length,
      (n) => n === 1,
    );
    clock.advance(100);
    // The second attempt delivered a frame, so its failure is the first of a new run: backoff 100 ms again.
    expect(
      await waitFor(
        () => clock.pending[0],
        (at) => at !== undefined,
      ),
    ).toBe(200);
    clock.advance(100);
    await waitFor(
      () => source.stats().state,
      (s) => s === 'dead',
    );
    expect(source.stats().restarts).toBe(2);
  });

  it('goes dead at once on a permanent error, and a clean end is "ended"', async () => {
    const clock = new FakeClock();
    const dead = new SupervisedSource({
      description: 't',
      ...scripted([{ outcome: 'permanent' }]),
      now: clock.now,
      retry,
    });
    await dead.start();
    expect(await dead.next()).toBeNull();
    expect(dead.stats()).toMatchObject({ state: 'dead', restarts: 0, lastError: 'no binary' });

    const ended = new SupervisedSource({
      description: 't',
      ...scripted([{ frames: 3, outcome: 'end' }]),
      now: clock.now,
    });
    await ended.start();
    expect(await ended.next()).toMatchObject({ seq: 2 });
    expect(await ended.next()).toBeNull();
    expect(ended.stats()).toMatchObject({ state: 'ended', received: 3, delivered: 1, dropped: 2 });
  });

  it('rejects start() when the preflight fails', async () => {
    const source = new SupervisedSource({
      description: 't',
      session: async () => {},
      preflight: async () => {
        throw new PermanentSourceError('ffmpeg missing');
      },
      now: () => 0,
    });
    await expect(source.start()).rejects.toThrow('ffmpeg missing');
    expect(source.stats()).toMatchObject({ state: 'dead', lastError: 'ffmpeg missing' });
  });
});
