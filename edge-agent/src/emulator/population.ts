// Who is on the floor at a given moment of a simulated day, and where: every shopper and staff member
// with a trajectory, positions interpolated linearly between the simulator's samples (2 Hz), found
// through a coarse time index so a frame looks only at the people around at that time.
//
// The simulator's shoppers appear 0.3 m outside their door and vanish there, but a camera over an
// entrance sees people walk up to the door and away from it. Given the entrances, each shopper who
// starts or ends next to one is extended straight out through it by `approachM` at their own speed,
// so a tracker has the time a real one would have to pick them up before the counting line.
import type { Entrance, Vec2 } from '@retail/contracts';
import type { DayTruth, Trajectory } from '../simulator/truth.js';

export interface PersonPosition {
  /** Index of the person in the population (stable for the day; never leaves the emulator). */
  person: number;
  x: number;
  y: number;
}

export interface PersonInfo {
  kind: 'shopper' | 'staff';
  /** On the floor (or walking up to it) from startTs to endTs. */
  startTs: number;
  endTs: number;
}

export interface PopulationOptions {
  /** The layout's entrances: shoppers walk up to and away from them (default none). */
  entrances?: readonly Entrance[];
  /** How far outside the door shoppers are followed, metres (2). */
  approachM?: number;
}

/** A straight walk outward from a door: `at` at the trajectory's end, `dir` a unit vector, m/s. */
interface DoorWalk {
  at: Vec2;
  dir: Vec2;
  speedMps: number;
  ms: number;
}

interface Person extends PersonInfo {
  t: Trajectory;
  tStart: number;
  tEnd: number;
  before?: DoorWalk;
  after?: DoorWalk;
}

const BUCKET_MS = 10_000;
/** A trajectory end farther than this from every entrance line is not at a door. */
const NEAR_DOOR_M = 1;

export class Population {
  readonly people: readonly PersonInfo[];
  readonly #people: Person[] = [];
  readonly #buckets = new Map<number, number[]>();
  /** The first and last moment anyone is on the floor. */
  readonly startTs: number;
  readonly endTs: number;

  constructor(day: Pick<DayTruth, 'shoppers' | 'staff'>, options: PopulationOptions = {}) {
    const entrances = options.entrances ?? [];
    const approachM = options.approachM ?? 2;
    const add = (kind: PersonInfo['kind'], t: Trajectory | undefined, speedMps?: number) => {
      const n = t ? Math.floor(t.xy.length / 2) : 0;
      if (!t || n === 0) return;
      const tEnd = t.startTs + (n - 1) * t.intervalMs;
      const walk = (i: number): DoorWalk | undefined => {
        if (!speedMps || approachM <= 0) return undefined;
        const at: Vec2 = [t.xy[2 * i]!, t.xy[2 * i + 1]!];
        const dir = outwardAt(entrances, at);
        return dir && { at, dir, speedMps, ms: (approachM / speedMps) * 1000 };
      };
      const before = walk(0);
      const after = walk(n - 1);
      const person: Person = {
        kind,
        t,
        tStart: t.startTs,
        tEnd,
        startTs: t.startTs - (before?.ms ?? 0),
        endTs: tEnd + (after?.ms ?? 0),
        ...(before && { before }),
        ...(after && { after }),
      };
      const index = this.#people.length;
      this.#people.push(person);
      for (let b = Math.floor(person.startTs / BUCKET_MS); b <= Math.floor(person.endTs / BUCKET_MS); b++) {
        const list = this.#buckets.get(b);
        if (list) list.push(index);
        else this.#buckets.set(b, [index]);
      }
    };
    for (const s of day.shoppers) add('shopper', s.trajectory, s.speedMps);
    for (const s of day.staff) add('staff', s.trajectory);
    this.people = this.#people.map(({ kind, startTs, endTs }) => ({ kind, startTs, endTs }));
    this.startTs = this.#people.reduce((m, p) => Math.min(m, p.startTs), Number.POSITIVE_INFINITY);
    this.endTs = this.#people.reduce((m, p) => Math.max(m, p.endTs), Number.NEGATIVE_INFINITY);
  }

  /** Everyone on the floor at `ts`, in population order. */
  at(ts: number): PersonPosition[] {
    const out: PersonPosition[] = [];
    for (const person of this.#buckets.get(Math.floor(ts / BUCKET_MS)) ?? []) {
      const p = this.#positionOf(this.#people[person]!, ts);
      if (p) out.push({ person, x: p[0], y: p[1] });
    }
    return out;
  }

  #positionOf(p: Person, ts: number): Vec2 | undefined {
    if (ts < p.tStart) return p.before && ts >= p.startTs ? along(p.before, p.tStart - ts) : undefined;
    if (ts > p.tEnd) return p.after && ts <= p.endTs ? along(p.after, ts - p.tEnd) : undefined;
    return positionAt(p.t, ts);
  }
}

function along(w: DoorWalk, ms: number): Vec2 {
  const d = (w.speedMps * ms) / 1000;
  return [w.at[0] + w.dir[0] * d, w.at[1] + w.dir[1] * d];
}

/** Linear interpolation between samples; undefined outside the trajectory. */
export function positionAt(t: Trajectory, ts: number): Vec2 | undefined {
  const n = Math.floor(t.xy.length / 2);
  const f = (ts - t.startTs) / t.intervalMs;
  if (!(f >= 0) || f > n - 1) return undefined;
  const i = Math.min(Math.floor(f), n - 2);
  if (i < 0) return [t.xy[0]!, t.xy[1]!];
  const a = f - i;
  const xy = t.xy;
  return [
    xy[2 * i]! + a * (xy[2 * i + 2]! - xy[2 * i]!),
    xy[2 * i + 1]! + a * (xy[2 * i + 3]! - xy[2 * i + 1]!),
  ];
}

/** The unit vector out of the store through the entrance nearest to `p`, if one is within reach. */
function outwardAt(entrances: readonly Entrance[], p: Vec2): Vec2 | undefined {
  let best: { d: number; e: Entrance } | undefined;
  for (const e of entrances) {
    const d = distanceToSegment(p, e.line[0], e.line[1]);
    if (d <= NEAR_DOOR_M && (!best || d < best.d)) best = { d, e };
  }
  if (!best) return undefined;
  const [a, b] = best.e.line;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  // (b − a) rotated +90° points to the line's left; the store is on the `inside` side.
  const left: Vec2 = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  return best.e.inside === 'left' ? [-left[0], -left[1]] : left;
}

function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const s = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return Math.hypot(p[0] - a[0] - s * dx, p[1] - a[1] - s * dy);
}
