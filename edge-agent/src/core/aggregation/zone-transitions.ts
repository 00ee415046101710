// Zone-to-zone transitions: consecutive distinct most-specific zones of a track, counted per window.
import type { ZonesMessage } from '@retail/contracts';
import type { CountRelease } from './laplace-noise.js';

export type ZoneTransition = ZonesMessage['transitions'][number];

export interface TransitionTally {
  from: string;
  to: string;
  count: number;
  /** Distinct tracks that made the transition. */
  tracks: number;
}

export class ZoneTransitions {
  /** A track's last most-specific zone; walking through no zone (a corridor) keeps it. */
  readonly #last = new Map<string, string>();
  #window = new Map<string, { from: string; to: string; count: number; tracks: Set<string> }>();

  update(trackId: string, primary: string | undefined): void {
    if (primary === undefined) return;
    const from = this.#last.get(trackId);
    this.#last.set(trackId, primary);
    if (from === undefined || from === primary) return;
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
  }

  /** The window's tallies, sorted by (from, to). */
  close(): TransitionTally[] {
    const out = [...this.#window.values()].map((t) => ({
      from: t.from,
      to: t.to,
      count: t.count,
      tracks: t.tracks.size,
    }));
    this.#window = new Map();
    return out.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A transition is published only when at least k distinct tracks made it: a count of k made by one
 * shopper pacing between two zones would single that shopper out. The count is then noised.
 */
export function releaseTransitions(
  tallies: readonly TransitionTally[],
  options: { k: number; release: CountRelease },
): ZoneTransition[] {
  return tallies
    .filter((t) => t.tracks >= options.k)
    .map((t) => ({ from: t.from, to: t.to, count: options.release(t.count) }));
}
