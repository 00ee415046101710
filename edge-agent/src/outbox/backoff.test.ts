import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.js';

describe('retryDelay', () => {
  const policy = { initialMs: 500, maxMs: 30_000, jitter: 0.3 };

  it('doubles from initialMs up to maxMs without jitter', () => {
    const none = { ...policy, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((a) => retryDelay(a, none, Math.random))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('shortens each pause by at most the jitter share, and never exceeds maxMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (a, r) => {
          const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(a - 1, 40));
          const d = retryDelay(a, policy, () => r);
          expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.7));
          expect(d).toBeLessThanOrEqual(base);
        },
      ),
    );
  });
});
