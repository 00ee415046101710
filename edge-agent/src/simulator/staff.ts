// Staff on shift: they start in the back room before opening and alternate between back-room spells
// and floor work (one to three fixtures, favouring those of the zone their role names, e.g. a
// `checkout` or `bakery` role), until after closing. They walk the staff grid, which includes
// staff-only zones, and never shop, so never reach a till's POS.
import type { Stop } from './leg-cache.js';
import { type Random, uniform } from './random-streams.js';
import type { StoreWorld } from './store-world.js';
import type { StaffTruth } from './truth.js';
import { Walker } from './walker.js';

export interface StaffPlan {
  staffId: string;
  beaconId?: string;
  role?: string;
  fromMs: number;
  toMs: number;
}

const MINUTE = 60_000;

export function simulateStaff(
  world: StoreWorld,
  plan: StaffPlan,
  random: Random,
  intervalMs: number,
  keepSamples: boolean,
): StaffTruth {
  const { backRoom, floor } = world.staffStops;
  const role = plan.role?.toLowerCase();
  const own = floor.filter(
    (s) => role && world.layout.zones.some((z) => z.id === s.zoneId && matches(z, role)),
  );
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const home = backRoom.length > 0 ? backRoom : floor;
  if (home.length === 0) return describe(plan);

  const xy: number[] = [];
  let firstTs: number | undefined;
  let at: Stop = pick(home);
  const walker = new Walker({
    grid: world.staffGrid,
    random,
    intervalMs,
    startMs: plan.fromMs,
    start: at.point,
    onSample: (ts, x, y) => {
      firstTs ??= ts;
      if (keepSamples) xy.push(x, y);
    },
  });
  const goTo = (to: Stop): void => {
    const leg = world.staffLegs.leg(at, to);
    if (!leg) return;
    walker.walk(leg.points, uniform(random, 1.1, 1.4));
    at = to;
  };

  while (walker.now < plan.toMs) {
    walker.dwell(uniform(random, 2, 10) * MINUTE);
    if (floor.length === 0) continue;
    const tasks = 1 + Math.floor(random() * 3);
    for (let i = 0; i < tasks && walker.now < plan.toMs; i++) {
      goTo(own.length > 0 && random() < 0.7 ? pick(own) : pick(floor));
      walker.dwell(uniform(random, 1, 8) * MINUTE);
    }
    goTo(pick(home));
  }
  return {
    ...describe(plan),
    ...(keepSamples &&
      firstTs !== undefined && { trajectory: { startTs: firstTs, intervalMs, xy: Float64Array.from(xy) } }),
  };
}

function matches(zone: { id: string; name: string }, role: string): boolean {
  return zone.id.includes(role) || zone.name.toLowerCase().includes(role);
}

function describe(plan: StaffPlan): StaffTruth {
  return {
    staffId: plan.staffId,
    ...(plan.beaconId && { beaconId: plan.beaconId }),
    ...(plan.role && { role: plan.role }),
  };
}
