// People counting at entrances: a track that crosses a counting line is counted `in` when it ends
// up on the line's inside side and `out` otherwise. Exact counts; they identify no one.
import { type Entrance, segmentsIntersect, type Vec2 } from '@retail/contracts';

/** Positions closer than this to a counting line (metres) are not given a side, so a track
 * jittering on the threshold is counted once when it finally leaves the band, not at every wobble. */
export const DEFAULT_LINE_BAND_M = 0.1;

export interface EntranceCounterOptions {
  entrances: readonly Entrance[];
  bandM?: number;
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

/** Where a track last was clearly on one side of a line. */
interface SidedPoint {
  p: Vec2;
  side: 1 | -1;
}

export class EntranceCounter {
  readonly #lines: CountingLine[];
  readonly #bandM: number;
  readonly #lastSided = new Map<string, (SidedPoint | undefined)[]>();
  #counts: { in: number; out: number }[];

  constructor(options: EntranceCounterOptions) {
    this.#lines = options.entrances.map((e) => ({
      id: e.id,
      line: e.line,
      length: Math.hypot(e.line[1][0] - e.line[0][0], e.line[1][1] - e.line[0][1]),
      insideSign: e.inside === 'left' ? 1 : -1,
    }));
    this.#bandM = options.bandM ?? DEFAULT_LINE_BAND_M;
    this.#counts = this.#lines.map(() => ({ in: 0, out: 0 }));
  }

  /** Moves a track to (x, y), counting any line its path crossed since it was last clearly on a side. */
  move(trackId: string, x: number, y: number): void {
    if (this.#lines.length === 0) return;
    let memory = this.#lastSided.get(trackId);
    if (!memory) {
      memory = this.#lines.map(() => undefined);
      this.#lastSided.set(trackId, memory);
    }
    const p: Vec2 = [x, y];
    this.#lines.forEach((l, i) => {
      const cross = sideOf(l.line, p);
      if (Math.abs(cross) / l.length <= this.#bandM) return;
      const side = cross > 0 ? 1 : -1;
      const before = memory[i];
      memory[i] = { p, side };
      if (!before || before.side === side) return;
      if (!segmentsIntersect(before.p, p, l.line[0], l.line[1])) return; // passed beside the line's end
      const count = this.#counts[i]!;
      if (side === l.insideSign) count.in++;
      else count.out++;
    });
  }

  forget(trackId: string): void {
    this.#lastSided.delete(trackId);
  }

  /** The window's counts for every entrance in layout order, then zeroed. */
  close(): EntranceCount[] {
    const out = this.#lines.map((l, i) => ({ entranceId: l.id, ...this.#counts[i]! }));
    this.#counts = this.#lines.map(() => ({ in: 0, out: 0 }));
    return out;
  }
}
