// What stayed under k in a window is held, not thrown away: it is added to the same key's tally in
// the next window, and so on until together they reach k (then published as part of that window) or
// the store's hour ends (then dropped; so is what is held when the gateway stops or takes a new layout
// or settings, which start a new aggregator). Each window's contribution is published at most once, in one
// aggregate that as a whole has at least k distinct tracks, so k-anonymity holds as before; what
// changes is that a quiet zone is counted a few minutes late instead of not at all. Pure.

/** A tally with the tracks it counts; k is judged on their number. */
export interface Holdable {
  readonly tracks: ReadonlySet<string>;
}

export interface KHoldOptions<T extends Holdable> {
  key: (t: T) => string;
  /** `held` (earlier windows) and `now` (this one) as one tally; `tracks` their union. */
  merge: (held: T, now: T) => T;
}

export class KHold<T extends Holdable> {
  readonly #options: KHoldOptions<T>;
  #held = new Map<string, T>();

  constructor(options: KHoldOptions<T>) {
    this.#options = options;
  }

  /** Tallies held, for tests and metrics. */
  get size(): number {
    return this.#held.size;
  }

  /**
   * This window's tallies with what is held under the same keys merged in, followed by held keys this
   * window did not see. Empties the hold: what stays under k again is handed back with `hold`.
   */
  take(now: readonly T[]): T[] {
    if (this.#held.size === 0) return [...now];
    const held = this.#held;
    this.#held = new Map();
    const out = now.map((t) => {
      const key = this.#options.key(t);
      const h = held.get(key);
      if (!h) return t;
      held.delete(key);
      return this.#options.merge(h, t);
    });
    for (const h of held.values()) out.push(h);
    return out;
  }

  /** Keeps these (taken this window, still under k) for the next window. */
  hold(items: readonly T[]): void {
    for (const t of items) {
      if (t.tracks.size === 0) continue;
      // A copy of the track set: `purge` edits it, and the tally's own may be shared.
      this.#held.set(this.#options.key(t), { ...t, tracks: new Set(t.tracks) });
    }
  }

  /**
   * A track found to be staff no longer counts towards k in what is held. Its visits and dwell stay,
   * as they do in windows already published before it was recognised.
   */
  purge(trackId: string): void {
    for (const [key, t] of this.#held) {
      (t.tracks as Set<string>).delete(trackId);
      if (t.tracks.size === 0) this.#held.delete(key);
    }
  }
}

/** The union of two track sets. */
export function unionTracks(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set(a);
  for (const t of b) out.add(t);
  return out;
}
