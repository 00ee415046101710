// Pseudonymous paths of opted-in shoppers: the zone visits of tracks that carry rotating loyalty ids,
// under a random path id that links the windows of one path and nothing else.
import type { ShopperPath } from '@retail/contracts';
import type { ClosedVisit } from './zone-stats.js';

const ROTATING_ID = /^[0-9a-f]{16}$/;
/** A decimal run this long could be a card number (loyalty cards are 12–19 digits). */
const DIGIT_RUN = /\d{12,}/;
/** The contract's array limits. */
const MAX_IDS = 256;
const MAX_VISITS = 2000;

/**
 * Only well-formed rotating ids are published, and never one containing 12 or more decimal
 * digits in a row: it cannot be told from a leaked card number. About 1% of random 16-hex ids
 * are refused that way; the member's other slots still link the path.
 */
export function isPublishableRotatingId(id: unknown): id is string {
  return typeof id === 'string' && ROTATING_ID.test(id) && !DIGIT_RUN.test(id);
}

/** 16 lower-case hex digits from `random`, redrawn in the rare case it looks like a card number. */
export function randomHexId(random: () => number): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < 16; i++) id += Math.floor(random() * 16).toString(16);
    if (!DIGIT_RUN.test(id)) return id;
  }
}

export interface PathBuilderOptions {
  /** Uniform in [0, 1); a CSPRNG in production so path ids cannot be predicted. */
  random: () => number;
}

interface PathState {
  pathId: string;
  /** Ids seen in the open window, first seen first. */
  ids: Set<string>;
  lastId: string;
  visits: ClosedVisit[];
  /** Observed in the open window. */
  active: boolean;
}

export class PathBuilder {
  readonly #random: () => number;
  readonly #live = new Map<string, PathState>();
  #ended: ShopperPath[] = [];
  #truncated = 0;

  constructor(options: PathBuilderOptions) {
    this.#random = options.random;
  }

  /**
   * An observation of a track: notes its rotating ids, opening the track's path at the first
   * publishable one. Visits closed before that are not part of the path. Returns how many ids were refused.
   */
  observe(trackId: string, rotatingIds: readonly string[] | undefined): number {
    let refused = 0;
    let path = this.#live.get(trackId);
    for (const id of rotatingIds ?? []) {
      if (!isPublishableRotatingId(id)) {
        refused++;
        continue;
      }
      if (!path) {
        path = { pathId: randomHexId(this.#random), ids: new Set(), lastId: id, visits: [], active: true };
        this.#live.set(trackId, path);
      }
      if (!path.ids.has(id)) {
        if (path.ids.size < MAX_IDS) path.ids.add(id);
        else this.#truncated++;
      }
      path.lastId = id;
    }
    if (path) path.active = true;
    return refused;
  }

  visitClosed(trackId: string, visit: ClosedVisit): void {
    const path = this.#live.get(trackId);
    if (!path) return;
    if (path.visits.length < MAX_VISITS) path.visits.push(visit);
    else this.#truncated++;
  }

  /** The track ended: its path is reported closed in this window. */
  end(trackId: string): void {
    const path = this.#live.get(trackId);
    if (!path) return;
    this.#live.delete(trackId);
    this.#ended.push(report(path, true));
  }

  /** Drops a path without reporting it (a track found to be staff). */
  discard(trackId: string): void {
    this.#live.delete(trackId);
  }

  /** The window's paths: ended ones, and live ones observed in the window; then a new window starts. */
  flush(): { paths: ShopperPath[]; truncated: number } {
    const paths = [...this.#ended];
    for (const path of this.#live.values()) {
      if (path.active || path.visits.length > 0) paths.push(report(path, false));
      path.ids = new Set();
      path.visits = [];
      path.active = false;
    }
    const truncated = this.#truncated;
    this.#ended = [];
    this.#truncated = 0;
    return { paths, truncated };
  }
}

function report(path: PathState, closed: boolean): ShopperPath {
  // A window in which the path was seen without ids still names the last one, so the hub can link it.
  const rotatingIds = path.ids.size > 0 ? [...path.ids] : [path.lastId];
  // The contract wants whole milliseconds; widening keeps exitTs ≥ enterTs.
  const visits = path.visits.map((v) => ({
    zoneId: v.zoneId,
    enterTs: Math.floor(v.enterTs),
    exitTs: Math.ceil(v.exitTs),
  }));
  return { pathId: path.pathId, rotatingIds, visits, closed };
}
