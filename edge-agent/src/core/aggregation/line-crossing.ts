// People counting at entrances: a track that crosses a counting line is counted `in` when it ends
// up on the line's inside side and `out` otherwise. Exact counts; they identify no one.
//
// Rules, per track and line (so a shopper who steps back and forth over the line counts once):
// - Positions within `bandM` of the line have no side: jitter on the threshold is not movement.
// - A track's home side is where it was first clearly seen, then where it was last counted to.
// - Moving from home to the other side through the line (not around its ends) makes a pending
//   crossing. It counts once the track has been at least `settleM` beyond the line and, when `move`
//   is given times, `settleMs` has passed since the crossing.
// - Coming back to the home side before that cancels the pending crossing: nothing is counted. So
//   in, a short step out and in again is one `in`; out and back in for a moment is nothing.
// - A track that ends (`forget`) with a crossing pending is counted where it was last seen; a
//   track dropped without a trace (`discard`, staff) is not.
// - So is a track unseen for longer than `gapMs` with a crossing pending (when `move` is given
//   times): the person was last seen past the line and then went out of sight, through the door or
//   under a privacy mask. Whoever comes back under the same id, the same person turning round or, as
//   often at a busy door, someone else the tracker took for them, starts from that side.
// - A track reaching the other side around the end of the line is not counted; that side becomes home.
import { type Entrance, segmentsIntersect, type Vec2 } from '@retail/contracts';

/** Positions closer than this to a counting line (metres) are not given a side, so a track
 * jittering on the threshold is counted once when it finally leaves the band, not at every wobble. */
export const DEFAULT_LINE_BAND_M = 0.1;
/** How far past the line (metres) a crossing must reach before it counts. */
export const DEFAULT_SETTLE_M = 0.5;
/** How long after crossing (ms) a crossing must still hold before it counts, when times are given. */
export const DEFAULT_SETTLE_MS = 3000;
/**
 * Unseen this long (ms), a track past the line has completed its crossing. Cameras deliver a track's
 * positions a few frames a second, so this is several missed frames in a row.
 */
export const DEFAULT_GAP_MS = 800;

export interface EntranceCounterOptions {
  entrances: readonly Entrance[];
  bandM?: number;
  settleM?: number;
  settleMs?: number;
  gapMs?: number;
}

export interface EntranceCount {
  entranceId: string;
  in: number;
  out: number;
}

/**
 * (b − a) × (p − a) for the directed line a → b: positive when p is on the left. This is the
 * layout's convention for `inside`, in floor coordinates whatever the plan's origin.
 */
export function sideOf(line: readonly [Vec2, Vec2], p: Vec2): number {
  const [a, b] = line;
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

interface CountingLine {
  id: string;
  line: readonly [Vec2, Vec2];
  length: number;
  insideSign: 1 | -1;
}

type Side = 1 | -1;

/** What a track has done at one line. */
interface LineMemory {
  /** Where the track last was clearly on one side. */
  last: { p: Vec2; side: Side };
  home: Side;
  pending: { side: Side; sinceTs: number | undefined; farthestM: number } | undefined;
}

/** Counted distances are compared with this slack so that a track exactly settleM past counts. */
const SLACK_M = 1e-9;

export class EntranceCounter {
  readonly #lines: CountingLine[];
  readonly #bandM: number;
  readonly #settleM: number;
  readonly #settleMs: number;
  readonly #gapMs: number;
  readonly #memory = new Map<string, (LineMemory | undefined)[]>();
  /** When each track was last moved, when times are given. */
  readonly #lastTs = new Map<string, number>();
  #counts: { in: number; out: number }[];

  constructor(options: EntranceCounterOptions) {
    this.#lines = options.entrances.map((e) => ({
      id: e.id,
      line: e.line,
      length: Math.hypot(e.line[1][0] - e.line[0][0], e.line[1][1] - e.line[0][1]),
      insideSign: e.inside === 'left' ? 1 : -1,
    }));
    this.#bandM = options.bandM ?? DEFAULT_LINE_BAND_M;
    this.#settleM = options.settleM ?? DEFAULT_SETTLE_M;
    this.#settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.#gapMs = options.gapMs ?? DEFAULT_GAP_MS;
    this.#counts = this.#lines.map(() => ({ in: 0, out: 0 }));
  }

  /** Moves a track to (x, y) at `ts` (ms; optional, without it only distance settles a crossing). */
  move(trackId: string, x: number, y: number, ts?: number): void {
    if (this.#lines.length === 0) return;
    let memory = this.#memory.get(trackId);
    if (!memory) {
      memory = this.#lines.map(() => undefined);
      this.#memory.set(trackId, memory);
    }
    if (ts !== undefined) {
      const lastTs = this.#lastTs.get(trackId);
      if (lastTs !== undefined && ts - lastTs > this.#gapMs)
        memory.forEach((m, i) => {
          if (m?.pending) this.#count(i, m);
        });
      this.#lastTs.set(trackId, ts);
    }
    const p: Vec2 = [x, y];
    this.#lines.forEach((l, i) => {
      const distM = Math.abs(sideOf(l.line, p)) / l.length;
      if (distM <= this.#bandM) return;
      const side: Side = sideOf(l.line, p) > 0 ? 1 : -1;
      const m = memory[i];
      if (!m) {
        memory[i] = { last: { p, side }, home: side, pending: undefined };
        return;
      }
      if (side !== m.last.side) {
        if (side === m.home)
          m.pending = undefined; // back before the crossing settled
        else if (segmentsIntersect(m.last.p, p, l.line[0], l.line[1]))
          m.pending = { side, sinceTs: ts, farthestM: 0 };
        else m.home = side; // around the line's end
      }
      m.last = { p, side };
      const pending = m.pending;
      if (!pending || pending.side !== side) return;
      pending.farthestM = Math.max(pending.farthestM, distM);
      const farEnough = pending.farthestM + SLACK_M >= this.#settleM;
      const longEnough =
        ts === undefined || pending.sinceTs === undefined || ts - pending.sinceTs >= this.#settleMs;
      if (farEnough && longEnough) this.#count(i, m);
    });
  }

  /** The track ended: a crossing still pending counts (it was last seen past the line). */
  forget(trackId: string): void {
    this.#memory.get(trackId)?.forEach((m, i) => {
      if (m?.pending) this.#count(i, m);
    });
    this.#memory.delete(trackId);
    this.#lastTs.delete(trackId);
  }

  /** Drops a track without counting its pending crossings (a track found to be staff). */
  discard(trackId: string): void {
    this.#memory.delete(trackId);
    this.#lastTs.delete(trackId);
  }

  /** The window's counts for every entrance in layout order, then zeroed. */
  close(): EntranceCount[] {
    const out = this.#lines.map((l, i) => ({ entranceId: l.id, ...this.#counts[i]! }));
    this.#counts = this.#lines.map(() => ({ in: 0, out: 0 }));
    return out;
  }

  #count(i: number, m: LineMemory): void {
    const side = m.pending!.side;
    const count = this.#counts[i]!;
    if (side === this.#lines[i]!.insideSign) count.in++;
    else count.out++;
    m.home = side;
    m.pending = undefined;
  }
}
