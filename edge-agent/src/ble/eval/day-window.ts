// A simulated day cut to a time window: the shoppers and staff on the floor in [fromTs, toTs), their
// trajectories trimmed to it. Evaluations of a few hours then cost a few hours, and everything made
// from the cut day (camera tracks, emitters, the linking judge's own-id sets) agrees on the window.
import type { DayTruth, Trajectory } from '../../simulator/truth.js';

export type DayPeople = Pick<DayTruth, 'shoppers' | 'staff'>;

/** The people of the day inside the window, with trajectories cut to it; those never inside are left out. */
export function dayWindow(day: DayPeople, fromTs: number, toTs: number): DayPeople {
  if (!(toTs > fromTs)) throw new RangeError(`the window must end after it starts (${fromTs}…${toTs})`);
  const shoppers = day.shoppers.flatMap((s) => {
    const trajectory = s.trajectory && clip(s.trajectory, fromTs, toTs);
    return trajectory ? [{ ...s, trajectory }] : [];
  });
  const staff = day.staff.flatMap((s) => {
    const trajectory = s.trajectory && clip(s.trajectory, fromTs, toTs);
    return trajectory ? [{ ...s, trajectory }] : [];
  });
  return { shoppers, staff };
}

/** The samples within [fromTs, toTs); undefined when fewer than two fall in it. */
export function clip(t: Trajectory, fromTs: number, toTs: number): Trajectory | undefined {
  const n = Math.floor(t.xy.length / 2);
  const first = Math.max(0, Math.ceil((fromTs - t.startTs) / t.intervalMs));
  const last = Math.min(n - 1, Math.ceil((toTs - t.startTs) / t.intervalMs) - 1);
  if (last - first < 1) return undefined;
  if (first === 0 && last === n - 1) return t;
  return {
    startTs: t.startTs + first * t.intervalMs,
    intervalMs: t.intervalMs,
    xy: t.xy.slice(2 * first, 2 * last + 2),
  };
}
