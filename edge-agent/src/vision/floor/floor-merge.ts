// One person seen by overlapping cameras must count once: camera tracks, projected to the floor,
// are fused into floor tracks with their own random ids. Rules, applied per time step:
//  1. A camera track keeps the fused track it was joined to, unless it drifts more than `splitM`
//     from that fused track's other members (then it is detached and associated afresh).
//  2. Camera by camera, new (or detached) camera tracks are assigned to fused tracks within `gateM`
//     by min-cost matching on distance; a fused track takes at most one track per camera per step.
//     Fused tracks not seen this step but within `maxGapMs` are candidates too (hand-over between
//     cameras, or a tracker that lost and re-found a person under a new id).
//  3. Camera tracks left over start new fused tracks.
//  4. Two fused tracks seen by disjoint cameras and closer than `gateM` for `mergeAfterMs` are one
//     person whose views were born apart: the younger is merged into the older and ends. Two fused
//     tracks ever seen by one camera at the same time are two people and are never merged.
// A fused track not seen for `maxGapMs` ends. Fused ids are random and never reused.

import { IdIssuer } from '../track/id-issuer.js';
import { solveLinearAssignment } from '../track/linear-assignment.js';

/** One camera track's floor position (foot point through the camera's homography), metres. */
export interface CameraTrackPosition {
  cameraId: string;
  trackId: string;
  x: number;
  y: number;
}

export interface CameraTrackRef {
  cameraId: string;
  trackId: string;
}

/** A fused track seen in this step: the mean of its members' positions. */
export interface FusedTrack {
  fusedId: string;
  x: number;
  y: number;
  members: CameraTrackRef[];
  /** The step that started this fused track (rule 3): its members are new to the floor. */
  born: boolean;
}

export interface MergeFrame {
  tracks: FusedTrack[];
  /** Fused ids that ended in this step (not seen for maxGapMs, or merged into another). */
  ended: string[];
}

export interface FloorMergeOptions {
  /** A fresh random id per fused track. */
  randomId: () => string;
  /** Farthest a camera track may be from a fused track to join it, metres (0.8). */
  gateM?: number;
  /** Members of one fused track farther apart than this are split, metres (1.5). */
  splitM?: number;
  /** A fused track unseen for longer than this ends (2000 ms). */
  maxGapMs?: number;
  /** Fused tracks from disjoint cameras within gateM for this long are merged (1000 ms). */
  mergeAfterMs?: number;
  /** Recent fused ids checked against a repeated draw (10 000). */
  rememberedIds?: number;
}

interface Fused {
  id: string;
  bornTs: number;
  lastTs: number;
  x: number;
  y: number;
  /** Observations in the current step. */
  seen: CameraTrackPosition[];
  /** Returned from `update` at least once. */
  reported: boolean;
}

const keyOf = (o: CameraTrackRef): string => `${o.cameraId}\u0000${o.trackId}`;
const pairKey = (a: Fused, b: Fused): string =>
  a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;

export class FloorMerge {
  readonly #gateM: number;
  readonly #splitM: number;
  readonly #maxGapMs: number;
  readonly #mergeAfterMs: number;
  readonly #ids: IdIssuer;
  /** Camera track → its fused track. */
  readonly #mapping = new Map<string, Fused>();
  #fused: Fused[] = [];
  /** Pairs of fused tracks close enough to be one person, since when. */
  #closeSince = new Map<string, number>();
  /** Pairs once seen by the same camera at the same time: two people. */
  readonly #distinct = new Set<string>();
  #lastTs: number | undefined;

  constructor(options: FloorMergeOptions) {
    this.#gateM = options.gateM ?? 0.8;
    this.#splitM = options.splitM ?? 1.5;
    this.#maxGapMs = options.maxGapMs ?? 2000;
    this.#mergeAfterMs = options.mergeAfterMs ?? 1000;
    this.#ids = new IdIssuer(options.randomId, options.rememberedIds);
  }

  /** Fuses the camera tracks' positions at `ts` (ms, non-decreasing). Non-finite positions and
   * repeats of a camera track within the step are ignored. */
  update(ts: number, positions: readonly CameraTrackPosition[]): MergeFrame {
    if (!Number.isFinite(ts) || (this.#lastTs !== undefined && ts < this.#lastTs)) {
      throw new RangeError(`merge time ${ts} is before the previous step (${this.#lastTs})`);
    }
    this.#lastTs = ts;
    const ended = this.#expire(ts);
    for (const f of this.#fused) f.seen = [];
    const fresh = this.#keepMapped(unique(positions));
    for (const cameraId of [...new Set(fresh.map((o) => o.cameraId))].sort()) {
      this.#associate(
        ts,
        fresh.filter((o) => o.cameraId === cameraId),
      );
    }
    const current = this.#fused.filter((f) => f.seen.length > 0);
    this.#markDistinct(current);
    for (const f of current) {
      f.x = mean(f.seen.map((o) => o.x));
      f.y = mean(f.seen.map((o) => o.y));
      f.lastTs = ts;
    }
    ended.push(...this.#mergeDuplicates(ts, current));
    const tracks = this.#fused
      .filter((f) => f.seen.length > 0)
      .map((f) => {
        const born = !f.reported;
        f.reported = true;
        return {
          fusedId: f.id,
          x: f.x,
          y: f.y,
          members: f.seen.map(({ cameraId, trackId }) => ({ cameraId, trackId })),
          born,
        };
      });
    return { tracks, ended };
  }

  /** The camera's tracker ended this track; its fused track lives on while others see it. */
  endCameraTrack(cameraId: string, trackId: string): void {
    this.#mapping.delete(keyOf({ cameraId, trackId }));
  }

  /** Ends every fused track (end of stream); returns their ids. */
  endAll(): string[] {
    const ids = this.#fused.map((f) => f.id);
    this.#fused = [];
    this.#mapping.clear();
    this.#closeSince.clear();
    this.#distinct.clear();
    return ids;
  }

  #expire(ts: number): string[] {
    const gone = new Set(this.#fused.filter((f) => ts - f.lastTs > this.#maxGapMs));
    if (gone.size === 0) return [];
    this.#remove(gone);
    return [...gone].map((f) => f.id);
  }

  /** Rule 1: mapped camera tracks stay with their fused track unless they split away; returns the rest. */
  #keepMapped(positions: CameraTrackPosition[]): CameraTrackPosition[] {
    const fresh: CameraTrackPosition[] = [];
    const groups = new Map<Fused, CameraTrackPosition[]>();
    for (const o of positions) {
      const f = this.#mapping.get(keyOf(o));
      if (!f) fresh.push(o);
      else groups.set(f, [...(groups.get(f) ?? []), o]);
    }
    for (const [f, members] of groups) {
      // The anchor is the member nearest where the fused track was; a camera contributes one member.
      const byDistance = [...members].sort((a, b) => dist(a, f) - dist(b, f));
      const anchor = byDistance[0]!;
      const cameras = new Set<string>();
      for (const o of byDistance) {
        if (cameras.has(o.cameraId) || dist(o, anchor) > this.#splitM) {
          this.#mapping.delete(keyOf(o));
          fresh.push(o);
          continue;
        }
        cameras.add(o.cameraId);
        f.seen.push(o);
      }
    }
    return fresh;
  }

  /** Rules 2 and 3 for one camera's unmapped tracks. */
  #associate(ts: number, observations: CameraTrackPosition[]): void {
    const cameraId = observations[0]!.cameraId;
    const candidates = this.#fused.filter((f) => !f.seen.some((o) => o.cameraId === cameraId));
    const cost = observations.map((o) => candidates.map((f) => dist(o, positionOf(f))));
    const a = solveLinearAssignment(cost, { maxCost: this.#gateM, cols: candidates.length });
    for (const [i, j] of a.pairs) this.#join(candidates[j]!, observations[i]!);
    for (const i of a.unassignedRows) {
      const o = observations[i]!;
      const f: Fused = {
        id: this.#ids.next(),
        bornTs: ts,
        lastTs: ts,
        x: o.x,
        y: o.y,
        seen: [],
        reported: false,
      };
      this.#fused.push(f);
      this.#join(f, o);
    }
  }

  /** Fused tracks seen by one camera in the same step are different people. */
  #markDistinct(current: readonly Fused[]): void {
    const byCamera = new Map<string, Fused[]>();
    for (const f of current) {
      for (const o of f.seen) byCamera.set(o.cameraId, [...(byCamera.get(o.cameraId) ?? []), f]);
    }
    for (const group of byCamera.values()) {
      for (const [i, f] of group.entries())
        for (const g of group.slice(i + 1)) this.#distinct.add(pairKey(f, g));
    }
  }

  #join(f: Fused, o: CameraTrackPosition): void {
    f.seen.push(o);
    this.#mapping.set(keyOf(o), f);
  }

  /** Rule 4: returns the ids merged away. */
  #mergeDuplicates(ts: number, current: Fused[]): string[] {
    const close = new Map<string, number>();
    const merged = new Set<Fused>();
    const ordered = [...current].sort((a, b) => a.bornTs - b.bornTs || (a.id < b.id ? -1 : 1));
    for (const [i, older] of ordered.entries()) {
      for (const younger of ordered.slice(i + 1)) {
        if (merged.has(older) || merged.has(younger)) continue;
        const key = pairKey(older, younger);
        if (this.#distinct.has(key) || dist(older, younger) > this.#gateM) continue;
        const since = this.#closeSince.get(key) ?? ts;
        close.set(key, since);
        if (ts - since < this.#mergeAfterMs) continue;
        for (const o of younger.seen) this.#join(older, o);
        older.x = mean(older.seen.map((o) => o.x));
        older.y = mean(older.seen.map((o) => o.y));
        merged.add(younger);
      }
    }
    this.#closeSince = close;
    this.#remove(merged);
    return [...merged].map((f) => f.id);
  }

  #remove(gone: ReadonlySet<Fused>): void {
    if (gone.size === 0) return;
    this.#fused = this.#fused.filter((f) => !gone.has(f));
    for (const [key, f] of this.#mapping) if (gone.has(f)) this.#mapping.delete(key);
    const ids = new Set([...gone].map((f) => f.id));
    for (const key of this.#distinct) {
      if (key.split('\u0000').some((id) => ids.has(id))) this.#distinct.delete(key);
    }
  }
}

/** Where a fused track is now: the mean of this step's members so far, else where it was last seen. */
function positionOf(f: Fused): { x: number; y: number } {
  if (f.seen.length === 0) return f;
  return { x: mean(f.seen.map((o) => o.x)), y: mean(f.seen.map((o) => o.y)) };
}

function unique(positions: readonly CameraTrackPosition[]): CameraTrackPosition[] {
  const seen = new Set<string>();
  return positions.filter((o) => {
    const key = keyOf(o);
    if (seen.has(key) || !Number.isFinite(o.x) || !Number.isFinite(o.y)) return false;
    seen.add(key);
    return true;
  });
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function dist(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
