import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginRateLimit, type LoginRateLimitOptions } from './login-rate-limit.js';

const MIN = 60_000;
const limits: LoginRateLimitOptions = {
  perUsername: { maxFailures: 5, windowMs: 15 * MIN },
  perIp: { maxFailures: 8, windowMs: 15 * MIN },
  maxTrackedKeys: 1000,
};

describe('login rate limit', () => {
  it('blocks a username after 5 failures in 15 min, until the oldest slides out', () => {
    const rl = new LoginRateLimit(limits);
    const a = { username: 'alice', ip: '10.0.0.1' };
    for (let i = 0; i < 5; i++) {
      expect(rl.check(a, i * MIN)).toEqual({ allowed: true });
      rl.recordFailure(a, i * MIN);
    }
    expect(rl.check(a, 5 * MIN)).toEqual({ allowed: false, retryAfterMs: 10 * MIN });
    // Other address, same (differently cased) username: still blocked.
    expect(rl.check({ username: 'ALICE', ip: '10.9.9.9' }, 5 * MIN).allowed).toBe(false);
    expect(rl.check({ username: 'bob', ip: '10.0.0.1' }, 5 * MIN).allowed).toBe(true);
    expect(rl.check(a, 15 * MIN)).toEqual({ allowed: true });
  });

  it('clears a username on success but not its address', () => {
    const rl = new LoginRateLimit(limits);
    for (let i = 0; i < 4; i++) rl.recordFailure({ username: 'alice', ip: 'x' }, 0);
    rl.recordSuccess({ username: 'alice', ip: 'x' });
    for (let i = 0; i < 4; i++) rl.recordFailure({ username: 'alice', ip: 'x' }, 0);
    expect(rl.check({ username: 'alice', ip: 'y' }, 0).allowed).toBe(true);
    expect(rl.check({ username: 'carol', ip: 'x' }, 0)).toEqual({ allowed: false, retryAfterMs: 15 * MIN });
  });

  it('blocks an address that tries many usernames', () => {
    const rl = new LoginRateLimit(limits);
    for (let i = 0; i < 8; i++) rl.recordFailure({ username: `u${i}`, ip: '10.0.0.7' }, 0);
    expect(rl.check({ username: 'fresh', ip: '10.0.0.7' }, 1).allowed).toBe(false);
    expect(rl.check({ username: 'fresh', ip: '10.0.0.8' }, 1).allowed).toBe(true);
  });

  it('stays within its memory bound', () => {
    const rl = new LoginRateLimit({ ...DEFAULT_LOGIN_LIMITS, maxTrackedKeys: 100 });
    for (let i = 0; i < 1000; i++) rl.recordFailure({ username: `u${i}`, ip: `ip${i}` }, i);
    expect(rl.size).toBeLessThanOrEqual(100);
  });

  it('property: no key ever gets more failed attempts through than its limit in any window', () => {
    const step = fc.record({
      dt: fc.integer({ min: 0, max: 4 * MIN }),
      user: fc.constantFrom('a', 'b', 'c'),
      ip: fc.constantFrom('1', '2'),
      success: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const rl = new LoginRateLimit(limits);
        const passedFailures: { ip: string; t: number }[] = [];
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          const attempt = { username: s.user, ip: s.ip };
          if (!rl.check(attempt, now).allowed) continue;
          if (s.success) rl.recordSuccess(attempt);
          else {
            rl.recordFailure(attempt, now);
            passedFailures.push({ ip: s.ip, t: now });
          }
        }
        // Successes reset usernames, never addresses: the address law holds unconditionally.
        for (const f of passedFailures) {
          const inWindow = passedFailures.filter(
            (g) => g.ip === f.ip && g.t >= f.t && g.t < f.t + limits.perIp.windowMs,
          );
          expect(inWindow.length).toBeLessThanOrEqual(limits.perIp.maxFailures);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: without successes, a username gets at most 5 failures through per window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 * MIN }), { maxLength: 100 }), (gaps) => {
        const rl = new LoginRateLimit({ ...limits, perIp: { maxFailures: 1e9, windowMs: 1 } });
        const passed: number[] = [];
        let now = 0;
        for (const dt of gaps) {
          now += dt;
          const decision = rl.check({ username: 'alice', ip: 'x' }, now);
          if (!decision.allowed) {
            expect(decision.retryAfterMs).toBeGreaterThan(0);
            continue;
          }
          rl.recordFailure({ username: 'alice', ip: 'x' }, now);
          passed.push(now);
        }
        for (const t of passed)
          expect(
            passed.filter((u) => u >= t && u < t + limits.perUsername.windowMs).length,
          ).toBeLessThanOrEqual(5);
      }),
    );
  });
});
