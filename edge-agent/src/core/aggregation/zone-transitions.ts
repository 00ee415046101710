// Zone-to-zone transitions: consecutive distinct most-specific zones of a track, counted per window.
import type { ZonesMessage } from '@retail/contracts';
import { unionTracks } from './k-hold.js';
import type { CountRelease } from './laplace-noise.js';

export type ZoneTransition = ZonesMessage['transitions'][number];

export interface TransitionTally {
  from: string;
  to: string;
  count: number;
  /** Distinct tracks that made the transition. */
  tracks: ReadonlySet<string>;
}

export interface ZoneTransitionsOptions {
  /** A new zone becomes the track's zone only after this long in it (the visits' minimum dwell), so
   * brushing through a zone is no transition; ms, 0 = at once. */
  minDwellMs?: number;
}

export class ZoneTransitions {
  /** A track's last most-specific zone; walking through no zone (a corridor) keeps it. */
  readonly #last = new Map<string, string>();
  /** A zone the track is in but has not yet stayed in for the minimum dwell, and since when. */
  readonly #candidate = new Map<string, { zone: string; since: number }>();
  #window = new Map<string, { from: string; to: string; count: number; tracks: Set<string> }>();

  constructor(private readonly options: ZoneTransitionsOptions = {}) {}

  update(trackId: string, primary: string | undefined, ts = 0): void {
    if (primary === undefined) return;
    const from = this.#last.get(trackId);
    if (from === primary) {
      this.#candidate.delete(trackId);
      return;
    }
    const minDwellMs = this.options.minDwellMs ?? 0;
    if (from !== undefined && minDwellMs > 0) {
      const c = this.#candidate.get(trackId);
      if (!c || c.zone !== primary) {
        this.#candidate.set(trackId, { zone: primary, since: ts });
        return;
      }
      if (ts - c.since < minDwellMs) return;
    }
    this.#candidate.delete(trackId);
    this.#last.set(trackId, primary);
    if (from === undefined) return;
    const key = `${from}\n${primary}`;
    let t = this.#window.get(key);
    if (!t) {
      t = { from, to: primary, count: 0, tracks: new Set() };
      this.#window.set(key, t);
    }
    t.count++;
    t.tracks.add(trackId);
  }

  forget(trackId: string): void {
    this.#last.delete(trackId);
    this.#candidate.delete(trackId);
  }

  /** The window's tallies, sorted by (from, to). */
  close(): TransitionTally[] {
    const out = [...this.#window.values()].map((t) => ({
      from: t.from,
      to: t.to,
      count: t.count,
      tracks: t.tracks,
    }));
    this.#window = new Map();
    return out.sort(byTransition);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A transition is published only when at least k distinct tracks made it: a count of k made by one
 * shopper pacing between two zones would single that shopper out. The count is then noised. The
 * others are withheld (returned, for the k-hold).
 */
export function releaseTransitions(
  tallies: readonly TransitionTally[],
  options: { k: number; release: CountRelease },
): { transitions: ZoneTransition[]; withheld: TransitionTally[] } {
  const transitions: ZoneTransition[] = [];
  const withheld: TransitionTally[] = [];
  for (const t of tallies) {
    if (t.tracks.size >= options.k)
      transitions.push({ from: t.from, to: t.to, count: options.release(t.count) });
    else withheld.push(t);
  }
  return { transitions, withheld };
}

/** A transition's tally over held windows and this one. */
export function mergeTransitionTallies(held: TransitionTally, now: TransitionTally): TransitionTally {
  return {
    from: now.from,
    to: now.to,
    count: held.count + now.count,
    tracks: unionTracks(held.tracks, now.tracks),
  };
}

/** Tallies in (from, to) order, as `close` gives them and noise is drawn. */
export function byTransition(a: TransitionTally, b: TransitionTally): number {
  return cmp(a.from, b.from) || cmp(a.to, b.to);
}
