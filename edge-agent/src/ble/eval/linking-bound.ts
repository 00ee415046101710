// How far any causal linker could get with a given stream of fixes, whatever its design: for each phone,
// from when on is the person carrying it the clear nearest to its fixes, by mean squared distance over
// every fix so far (the best evidence a linker can have), with everyone else at least a margin worse?
// A phone counts as identifiable when that holds for at least half of its fixes. With no margin this is
// an optimistic bound; a linker that must not link wrongly needs a margin. Judged against the truth only
// (the people's real positions), so it isolates what the fixes allow from how fusion uses them. Pure.
import { Population } from '../../emulator/population.js';
import type { DayTruth, Trajectory } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';

export interface LinkingBoundOptions {
  day: Pick<DayTruth, 'shoppers' | 'staff'>;
  /** Every fix, any order. */
  fixes: readonly BeaconFix[];
  /** Whose trajectory a beacon id belongs to (a phone's rotating ids all map to its carrier). */
  truthOf: (beacon: string) => Trajectory | undefined;
  /** A fix stamped t is compared with where people were at t − lag, ms. */
  lagMs: number;
  /** Relative margins to report, e.g. [0, 0.25]: others' mean must exceed the carrier's by this share. */
  margins: readonly number[];
  /** Squared distances are clipped here so one wild fix does not decide, m² (100). */
  clipM2?: number;
  /** An opted-in phone counts only with at least this many fixes (30). */
  minFixes?: number;
}

export interface LinkingBound {
  phones: number;
  /** Per margin: phones whose carrier is the clear nearest for at least half their fixes. */
  identifiable: { margin: number; phones: number; share: number }[];
}

export function linkingBound(o: LinkingBoundOptions): LinkingBound {
  const population = new Population(o.day);
  const index = new Map<Trajectory, number>();
  for (const t of [...o.day.shoppers, ...o.day.staff].map((p) => p.trajectory))
    if (t) index.set(t, index.size);
  const clip = o.clipM2 ?? 100;
  const byCarrier = new Map<number, BeaconFix[]>();
  for (const f of o.fixes) {
    const t = o.truthOf(f.beacon);
    const who = t && index.get(t);
    if (who === undefined) continue;
    const list = byCarrier.get(who) ?? [];
    byCarrier.set(who, list);
    list.push(f);
  }
  const counts = o.margins.map(() => 0);
  let phones = 0;
  for (const [me, fixes] of byCarrier) {
    if (fixes.length < (o.minFixes ?? 30)) continue;
    fixes.sort((a, b) => a.ts - b.ts);
    phones++;
    const sums = new Map<number, { s: number; n: number }>();
    const lastUnclear = o.margins.map(() => -1);
    fixes.forEach((f, i) => {
      for (const p of population.at(f.ts - o.lagMs)) {
        const a = sums.get(p.person) ?? { s: 0, n: 0 };
        sums.set(p.person, a);
        a.s += Math.min(clip, (p.x - f.x) ** 2 + (p.y - f.y) ** 2);
        a.n++;
      }
      const mine = sums.get(me);
      if (!mine) return;
      const own = mine.s / mine.n;
      // The closest rival: lowest mean among people seen alongside for at least half the fixes so far.
      let rival = Number.POSITIVE_INFINITY;
      for (const [k, a] of sums) if (k !== me && a.n >= 0.5 * mine.n) rival = Math.min(rival, a.s / a.n);
      o.margins.forEach((m, j) => {
        if (rival <= own * (1 + m)) lastUnclear[j] = i;
      });
    });
    lastUnclear.forEach((last, j) => {
      if ((fixes.length - last - 1) / fixes.length >= 0.5) counts[j] = (counts[j] ?? 0) + 1;
    });
  }
  return {
    phones,
    identifiable: o.margins.map((margin, j) => ({
      margin,
      phones: counts[j] ?? 0,
      share: phones > 0 ? (counts[j] ?? 0) / phones : 0,
    })),
  };
}
