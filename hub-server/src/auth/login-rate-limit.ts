// Brute-force brake for the login form: a sliding window of failed attempts per username and per
// client address. Time comes in as an argument; nothing here reads a clock.
//
// A blocked attempt is refused before the password is checked and is not counted, so an attacker
// gets exactly `maxFailures` guesses per window and cannot keep a victim locked out beyond one
// window by hammering. A success clears the username's failures (not the address's).
// The per-address limit is looser: a store's staff often share one NAT address.

export interface WindowLimit {
  maxFailures: number;
  windowMs: number;
}

export interface LoginRateLimitOptions {
  perUsername: WindowLimit;
  perIp: WindowLimit;
  /** Memory bound; past it, expired keys go first, then the longest-tracked ones. */
  maxTrackedKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimitOptions = {
  perUsername: { maxFailures: 5, windowMs: 15 * 60_000 },
  perIp: { maxFailures: 20, windowMs: 15 * 60_000 },
  maxTrackedKeys: 10_000,
};

export interface LoginAttempt {
  username: string;
  ip: string;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class LoginRateLimit {
  /** Key → times of the most recent failures (at most `maxFailures`, oldest first). */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly o: LoginRateLimitOptions = DEFAULT_LOGIN_LIMITS) {}

  check(a: LoginAttempt, now: number): LimitDecision {
    const waits = this.keys(a).map(([key, limit]) => this.waitFor(key, limit, now));
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  recordFailure(a: LoginAttempt, now: number): void {
    for (const [key, limit] of this.keys(a)) {
      const times = this.live(key, limit, now);
      times.push(now);
      if (times.length > limit.maxFailures) times.splice(0, times.length - limit.maxFailures);
      this.failures.delete(key); // re-insert: Map order becomes "least recently failed first"
      this.failures.set(key, times);
    }
    if (this.failures.size > this.o.maxTrackedKeys) this.evict(now);
  }

  recordSuccess(a: LoginAttempt): void {
    this.failures.delete(userKey(a.username));
  }

  /** Number of keys held (for tests and metrics). */
  get size(): number {
    return this.failures.size;
  }

  private keys(a: LoginAttempt): [string, WindowLimit][] {
    return [
      [userKey(a.username), this.o.perUsername],
      [`ip:${a.ip}`, this.o.perIp],
    ];
  }

  private live(key: string, limit: WindowLimit, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - limit.windowMs);
  }

  private waitFor(key: string, limit: WindowLimit, now: number): number {
    const times = this.live(key, limit, now);
    if (times.length < limit.maxFailures) return 0;
    // Allowed again once the oldest failure that still counts slides out of the window.
    return times[times.length - limit.maxFailures]! + limit.windowMs - now;
  }

  private evict(now: number): void {
    const target = Math.floor(this.o.maxTrackedKeys * 0.9);
    const longest = Math.max(this.o.perUsername.windowMs, this.o.perIp.windowMs);
    for (const [key, times] of this.failures) {
      if (times[times.length - 1]! <= now - longest) this.failures.delete(key);
    }
    for (const key of this.failures.keys()) {
      if (this.failures.size <= target) break;
      this.failures.delete(key);
    }
  }
}

function userKey(username: string): string {
  return `u:${username.toLowerCase()}`;
}
