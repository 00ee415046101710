// Frequent zone sequences as contiguous n-grams of each session's path (repeats collapsed), counted
// once per session. Contiguous, not PrefixSpan's gapped subsequences: on a shop floor the route from
// one zone to the next is physical, gapped patterns ("A, then eventually B") multiply combinatorially,
// and the "eventually" question is answered better by the funnel and the co-visit rate.
import { type ShopperSession, zoneSequence } from './sessions.js';

export interface ZoneSequenceOptions {
  /** Share of sessions whose path contains the sequence, 0..1 (default 0.05). */
  minSupport?: number;
  /** Shortest sequence, default 2. */
  minLength?: number;
  /** Longest sequence, default 4. */
  maxLength?: number;
}

export interface ZoneSequence {
  readonly zones: readonly string[];
  /** Sessions containing it at least once. */
  readonly sessions: number;
  readonly support: number;
}

/** Sequences with support >= minSupport, most sessions first, then longer, then lexicographic. */
export function frequentZoneSequences(
  sessions: readonly ShopperSession[],
  options: ZoneSequenceOptions = {},
): ZoneSequence[] {
  const minSupport = options.minSupport ?? 0.05;
  const minLength = options.minLength ?? 2;
  const maxLength = options.maxLength ?? 4;
  if (!(minLength >= 1 && maxLength >= minLength)) {
    throw new RangeError(`expected 1 <= minLength <= maxLength, got ${minLength}..${maxLength}`);
  }
  const counts = new Map<string, { zones: string[]; sessions: number }>();
  for (const session of sessions) {
    const path = zoneSequence(session);
    const seen = new Set<string>();
    for (let len = minLength; len <= maxLength; len++) {
      for (let i = 0; i + len <= path.length; i++) {
        const zones = path.slice(i, i + len);
        const key = zones.join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = counts.get(key);
        if (entry) entry.sessions++;
        else counts.set(key, { zones, sessions: 1 });
      }
    }
  }
  const n = sessions.length;
  return [...counts.values()]
    .filter((e) => n > 0 && e.sessions / n >= minSupport)
    .map((e) => ({ zones: e.zones, sessions: e.sessions, support: e.sessions / n }))
    .sort(
      (a, b) =>
        b.sessions - a.sessions ||
        b.zones.length - a.zones.length ||
        a.zones.join('\u0000').localeCompare(b.zones.join('\u0000')),
    );
}
