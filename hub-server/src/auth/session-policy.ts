// When a login session ends: an absolute lifetime from login, and an idle timeout since the last
// request. Plain rules over times passed in; the store applies them.

export interface SessionPolicy {
  /** Absolute lifetime from login (also the cookie's Max-Age). */
  ttlMs: number;
  /** Ends a session nobody has used for this long. */
  idleMs: number;
  /**
   * Last-seen times (sessions) and last-used times (tokens) are written at most this often, so a
   * busy dashboard does not turn every read into a write. The idle timeout is exact to within it.
   */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  ttlMs: 12 * 3_600_000,
  idleMs: 2 * 3_600_000,
  touchEveryMs: 60_000,
};

export interface SessionTimes {
  expiresAt: number;
  lastSeenAt: number;
}

export function sessionIsLive(s: SessionTimes, now: number, policy: SessionPolicy): boolean {
  return now < s.expiresAt && now < s.lastSeenAt + policy.idleMs;
}

/** True when a last-seen/last-used time is stale enough to be written again. */
export function isDueForTouch(last: number | null, now: number, policy: SessionPolicy): boolean {
  return last === null || now - last >= policy.touchEveryMs;
}
