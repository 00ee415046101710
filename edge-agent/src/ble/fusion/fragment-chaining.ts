// Which new camera track continues one that ended (the same person re-acquired), decided online: first
// once the new track's predecessors must have fallen silent, finally once every candidate's other
// possible continuations have begun too (tracklet-chains.ts says what is plausible and what is clear).
// A track ending at a door and one starting there are someone leaving and someone arriving: never chained.
// Across a longer gap, a beacon the ended track carried can vouch for its continuation (vouched-chaining.ts).
// The continuation takes over the predecessor's evidence (discounted and capped), its links where still
// free, its ids and its staff flag, so a person's identity is earned once per visit, not per fragment.
import { distanceToDoor } from './fusion-site.js';
import { endTrack, type FusionState, type TrackState } from './fusion-state.js';
import { PairEvidence } from './pair-evidence.js';
import { clearlyNearest, continuationDistance, type TrackEnds } from './tracklet-chains.js';
import { vouchedPredecessor } from './vouched-chaining.js';

/** When, after a track began, its predecessors' beacons are asked to vouch for it, ms (fixes take a while). */
const VOUCH_AFTER_MS = [6000, 12_000, 20_000, 30_000, 45_000] as const;

interface Due {
  trackId: string;
  due: number;
  /** first: look for predecessors; final: decide between them; vouch: ask the predecessors' beacons. */
  stage: 'first' | 'final' | 'vouch';
}

export class FragmentChainer {
  /** New tracks whose predecessor is still to be decided, by when to decide (stage 2: finally). */
  #queue: Due[] = [];

  constructor(private readonly s: FusionState) {}

  /** A track was first seen: its predecessor is looked for once it may have one. */
  trackStarted(trackId: string, ts: number): void {
    const o = this.s.options;
    if (o.chainMaxGapMs > 0) this.#enqueue({ trackId, due: ts + o.chainOverlapMs, stage: 'first' });
    if (o.chainVouchMaxGapMs > 0)
      for (const after of VOUCH_AFTER_MS) this.#enqueue({ trackId, due: ts + after, stage: 'vouch' });
  }

  /** Makes every decision due by `now`. */
  decideDue(now: number): void {
    while (this.#queue.length > 0 && (this.#queue[0] as Due).due <= now) {
      const next = this.#queue.shift();
      if (next?.stage === 'vouch') this.#vouch(next.trackId);
      else if (next) this.#decide(next.trackId, next.stage === 'final');
    }
  }

  #enqueue(entry: Due): void {
    let i = this.#queue.length;
    while (i > 0 && (this.#queue[i - 1] as Due).due > entry.due) i--;
    this.#queue.splice(i, 0, entry);
  }

  #decide(trackId: string, final: boolean): void {
    const s = this.s;
    const o = s.options;
    const n = s.tracks.get(trackId);
    if (!n || n.prev !== undefined) return;
    const preds = this.#predecessors(trackId, n);
    if (preds.length === 0) return;
    if (!final) {
      // Late enough for every candidate's other continuations to have begun, and to see where this one heads.
      let due = Math.max(s.clock, n.firstTs + o.chainHeadingMs);
      for (const [id] of preds)
        due = Math.max(due, (s.tracks.get(id) as TrackState).lastTs + o.chainMaxGapMs);
      this.#enqueue({ trackId, due, stage: 'final' });
      return;
    }
    const prevId = clearlyNearest(preds, o);
    const p = prevId === undefined ? undefined : s.tracks.get(prevId);
    if (prevId === undefined || !p) return;
    const successors: [string, number][] = [];
    const prev = endsOf(s, p);
    for (const [id, other] of s.tracks) {
      if (id === prevId || other.prev !== undefined) continue;
      const d = chainDistance(s, prev, endsOf(s, other));
      if (d !== undefined) successors.push([id, d]);
    }
    if (clearlyNearest(successors, o) !== trackId) return;
    chain(s, prevId, p, trackId, n);
  }

  /** A track not chained by geometry: chained when a beacon its predecessor carried vouches for it. */
  #vouch(trackId: string): void {
    const n = this.s.tracks.get(trackId);
    if (!n || n.prev !== undefined || n.ended) return;
    const prevId = vouchedPredecessor(this.s, trackId, n);
    const p = prevId === undefined ? undefined : this.s.tracks.get(prevId);
    if (prevId !== undefined && p) chain(this.s, prevId, p, trackId, n);
  }

  /** Plausible predecessors of a track: silent since it began, and within walking reach of its start. */
  #predecessors(trackId: string, n: TrackState): [string, number][] {
    const out: [string, number][] = [];
    const next = endsOf(this.s, n);
    for (const [id, p] of this.s.tracks) {
      if (id === trackId || p.next !== undefined) continue;
      const d = chainDistance(this.s, endsOf(this.s, p), next);
      if (d !== undefined) out.push([id, d]);
    }
    return out;
  }
}

/** The continuation distance (tracklet-chains.ts), undefined across a door (one leaving, one arriving). */
export function chainDistance(s: FusionState, prev: TrackEnds, next: TrackEnds): number | undefined {
  const r = s.options.doorRadiusM;
  if (r > 0 && distanceToDoor(s.site, prev.last) <= r && distanceToDoor(s.site, next.first) <= r)
    return undefined;
  return continuationDistance(prev, next, s.options);
}

/** A track's ends and its headings there (least-squares over chainHeadingMs), for chaining. */
function endsOf(s: FusionState, t: TrackState): TrackEnds {
  const span = Math.min(s.options.chainHeadingMs, t.lastTs - t.firstTs);
  if (span < s.options.chainHeadingMs / 2) return t;
  return {
    ...t,
    startVelocity: t.history.velocityOver(t.firstTs, t.firstTs + span),
    endVelocity: t.history.velocityOver(t.lastTs - span, t.lastTs),
  };
}

/**
 * `n` continues `p`: it takes over p's evidence (discounted, at most chainMaxInheritedFixes a beacon),
 * its links where still free, ids and staff flag. Links that disagree (the beacon went on to another
 * track, or the new track has another) make the continuation doubtful: nothing is carried.
 */
export function chain(s: FusionState, prevId: string, p: TrackState, trackId: string, n: TrackState): void {
  const o = s.options;
  const pLinks = p.ended ? p.endLinks : [...p.links.keys()];
  for (const beacon of pLinks) {
    const link = s.beacons.get(beacon)?.link;
    if (link !== undefined && link !== prevId && link !== trackId) return;
  }
  if (pLinks.length > 0) for (const beacon of n.links.keys()) if (!pLinks.includes(beacon)) return;
  if (!p.ended) endTrack(s, prevId, p);
  p.next = trackId;
  n.prev = prevId;
  n.chainFirstTs = p.chainFirstTs;
  s.counters.chained++;
  for (const [beacon, prior] of p.pairs) {
    const b = s.beacons.get(beacon);
    if (!b) continue;
    const merged = PairEvidence.continuing(
      prior,
      o.chainDiscount,
      n.pairs.get(beacon),
      o.chainMaxInheritedFixes,
    );
    b.pairs.delete(prevId);
    b.pairs.set(trackId, merged);
    n.pairs.set(beacon, merged);
  }
  p.pairs.clear();
  if (p.staff) n.staff = true;
  n.rotatingIds = [...new Set([...p.rotatingIds, ...n.rotatingIds])];
  for (const [beacon, x] of p.silentLinks) if (!n.silentLinks.has(beacon)) n.silentLinks.set(beacon, x);
  if (n.ended) return;
  for (const beacon of pLinks) {
    const b = s.beacons.get(beacon);
    if (!b || !n.pairs.has(beacon) || (b.link !== undefined && b.link !== trackId)) continue;
    b.link = trackId;
    b.lostTrack = undefined;
    if (!n.links.has(beacon)) n.links.set(beacon, s.clock);
  }
}
