// ByteTrack (Zhang et al. 2022) for one camera: every detection box is used, the confident ones to
// keep and start tracks, the weak ones (often a partly occluded person) only to keep existing tracks.
//
// Per frame: predict every track; associate high-score detections with all confirmed tracks
// (tracked and lost) by IoU; then low-score detections with the still unmatched tracked ones;
// tracks still unmatched become lost. Tentative tracks take the high-score detections left over and
// are confirmed after `minHits` consecutive hits, or dropped at their first miss. Remaining confident
// detections start tentative tracks. Lost tracks are removed once lost for more than `maxLostMs`
// (checked before association, so an expired track cannot come back).
// Ids are drawn from the injected `randomId` at confirmation and are never handed out twice.
// A track is reported from the frame that confirms it, and in that frame it brings its earlier hits
// along (`earlier`): the person was there before the tracker could trust them, and a line counter
// needs to know where they came from (a shopper confirmed just after stepping over a door's line
// was seen outside only while tentative).

import { boxIou } from '../box-iou.js';
import type { Box, Detection } from '../frame.js';
import { IdIssuer } from './id-issuer.js';
import { KalmanBox, type KalmanBoxOptions } from './kalman-box.js';
import { solveLinearAssignment } from './linear-assignment.js';

export interface ByteTrackerOptions {
  /** A fresh random id per confirmed track (a CSPRNG in production, a counter in tests). */
  randomId: () => string;
  /** Detections at or above this score are high (ByteTrack `track_thresh`, 0.5). */
  highScore?: number;
  /** Detections below this are ignored (0.1). */
  lowScore?: number;
  /** A high detection starts a track only at or above this (ByteTrack: highScore + 0.1). */
  newTrackScore?: number;
  /** Least IoU for the first association, high detections ↔ confirmed tracks (ByteTrack: 1 − 0.8). */
  matchIou?: number;
  /** Least IoU for the second association, low detections ↔ tracked tracks (1 − 0.5). */
  lowMatchIou?: number;
  /** Least IoU for tentative tracks ↔ leftover high detections (1 − 0.7). */
  tentativeMatchIou?: number;
  /** Weight the first association's IoU by the detection score (ByteTrack's `fuse_score`). */
  fuseScore?: boolean;
  /** Consecutive hits, the birth frame included, before a track is confirmed and reported (3). */
  minHits?: number;
  /** A confirmed track unmatched for longer than this is removed (1000 ms: ByteTrack's 30 frames at 30 fps). */
  maxLostMs?: number;
  kalman?: KalmanBoxOptions;
  /** Recent ids checked against a repeated draw (10 000). */
  rememberedIds?: number;
}

/** A confirmed track matched in this frame. `box` is the filtered box, `score` its detection's. */
export interface TrackedBox {
  id: string;
  box: Box;
  score: number;
  /**
   * Only in the frame that confirms the track: its filtered boxes in the frames before, while it was
   * tentative, oldest first (the birth frame's is its detection's). Absent in every other frame.
   */
  earlier?: readonly TimedBox[];
}

/** A track's box at a frame time (ms). */
export interface TimedBox {
  ts: number;
  box: Box;
}

export interface TrackerFrame {
  tracks: TrackedBox[];
  /** Ids of confirmed tracks removed in this frame (lost for too long); they never come back. */
  ended: string[];
}

type TrackState = 'tentative' | 'tracked' | 'lost';

interface Track {
  kf: KalmanBox;
  state: TrackState;
  /** Set at confirmation. */
  id?: string;
  hits: number;
  score: number;
  lostSince: number;
  /** While tentative: its box at each hit so far. At confirmation: what goes out as `earlier`, once. */
  history: TimedBox[] | undefined;
}

export class ByteTracker {
  readonly #o: Required<Omit<ByteTrackerOptions, 'kalman' | 'randomId' | 'rememberedIds'>> &
    Pick<ByteTrackerOptions, 'kalman'>;
  readonly #ids: IdIssuer;
  #tracks: Track[] = [];
  #lastTs: number | undefined;

  constructor(options: ByteTrackerOptions) {
    const { randomId, rememberedIds, ...rest } = options;
    const highScore = options.highScore ?? 0.5;
    this.#ids = new IdIssuer(randomId, rememberedIds);
    this.#o = {
      highScore,
      lowScore: 0.1,
      newTrackScore: highScore + 0.1,
      matchIou: 0.2,
      lowMatchIou: 0.5,
      tentativeMatchIou: 0.3,
      fuseScore: false,
      minHits: 3,
      maxLostMs: 1000,
      ...stripUndefined(rest),
    };
  }

  /** Takes one frame's detections at `ts` (ms, non-decreasing) and returns the confirmed tracks seen in it. */
  update(detections: readonly Detection[], ts: number): TrackerFrame {
    if (!Number.isFinite(ts) || (this.#lastTs !== undefined && ts < this.#lastTs)) {
      throw new RangeError(`frame time ${ts} is before the previous frame (${this.#lastTs})`);
    }
    const dtS = this.#lastTs === undefined ? 0 : (ts - this.#lastTs) / 1000;
    this.#lastTs = ts;
    const o = this.#o;
    const usable = detections.filter(isUsable);
    const high = usable.filter((d) => d.score >= o.highScore);
    const low = usable.filter((d) => d.score >= o.lowScore && d.score < o.highScore);

    const ended: string[] = [];
    this.#tracks = this.#tracks.filter((t) => {
      if (t.state !== 'lost' || ts - t.lostSince <= o.maxLostMs) return true;
      ended.push(t.id!);
      return false;
    });
    for (const t of this.#tracks) {
      if (t.state === 'lost') t.kf.holdSize();
      t.kf.predict(dtS);
    }
    const confirmed = this.#tracks.filter((t) => t.state !== 'tentative');
    const first = associate(confirmed, high, o.matchIou, o.fuseScore);
    for (const [t, d] of first.matched) this.#hit(t, d, ts);

    const stillTracked = first.tracks.filter((t) => t.state === 'tracked');
    const second = associate(stillTracked, low, o.lowMatchIou, false);
    for (const [t, d] of second.matched) this.#hit(t, d, ts);
    for (const t of second.tracks) {
      t.state = 'lost';
      t.lostSince = ts;
    }

    const tentative = this.#tracks.filter((t) => t.state === 'tentative');
    const third = associate(tentative, first.detections, o.tentativeMatchIou, false);
    for (const [t, d] of third.matched) this.#hit(t, d, ts);
    const dropped = new Set(third.tracks);
    const born = third.detections
      .filter((d) => d.score >= o.newTrackScore)
      .map(
        (d): Track => ({
          kf: new KalmanBox(d, o.kalman),
          state: 'tentative',
          hits: 0,
          score: d.score,
          lostSince: ts,
          history: [],
        }),
      );
    for (const t of born) this.#hit(t, undefined, ts);

    this.#tracks = [...this.#tracks, ...born].filter((t) => !dropped.has(t));
    const tracks = this.#tracks
      .filter((t) => t.state === 'tracked')
      .map((t): TrackedBox => {
        const earlier = t.history;
        t.history = undefined;
        return earlier?.length
          ? { id: t.id!, box: t.kf.box, score: t.score, earlier }
          : { id: t.id!, box: t.kf.box, score: t.score };
      });
    return { tracks, ended };
  }

  /** Ends every track (end of stream); returns the confirmed ids. */
  endAll(): string[] {
    const ended = this.#tracks.flatMap((t) => (t.id === undefined ? [] : [t.id]));
    this.#tracks = [];
    return ended;
  }

  /** A match at `ts`: the detection corrects the filter (a newborn track was initialised from it). */
  #hit(t: Track, d: Detection | undefined, ts: number): void {
    if (d) {
      t.kf.update(d);
      t.score = d.score;
    }
    t.hits++;
    if (t.state === 'lost') t.state = 'tracked';
    if (t.state !== 'tentative') return;
    if (t.hits < this.#o.minHits) {
      t.history?.push({ ts, box: t.kf.box });
      return;
    }
    // Confirmed: `history` keeps the hits before this one (this frame's box is the track's own).
    t.state = 'tracked';
    t.id = this.#ids.next();
  }
}

interface Association {
  matched: [Track, Detection][];
  tracks: Track[];
  detections: Detection[];
}

/** Min-cost matching on 1 − IoU between predicted boxes and detections, pairs below `minIou` refused. */
function associate(
  tracks: Track[],
  detections: Detection[],
  minIou: number,
  fuseScore: boolean,
): Association {
  const boxes = tracks.map((t) => t.kf.box);
  const cost = boxes.map((b) => detections.map((d) => 1 - boxIou(b, d) * (fuseScore ? d.score : 1)));
  const a = solveLinearAssignment(cost, { maxCost: 1 - minIou, cols: detections.length });
  return {
    matched: a.pairs.map(([i, j]) => [tracks[i]!, detections[j]!]),
    tracks: a.unassignedRows.map((i) => tracks[i]!),
    detections: a.unassignedCols.map((j) => detections[j]!),
  };
}

function isUsable(d: Detection): boolean {
  return [d.x, d.y, d.w, d.h, d.score].every(Number.isFinite) && d.w > 0 && d.h > 0;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
