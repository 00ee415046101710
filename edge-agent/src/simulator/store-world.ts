// Everything about one layout that the simulation reuses all day: the walkable grids (shoppers, and
// staff who may also use staff-only rooms), where people stand at each fixture, door and till, walking
// distances between those stops, which fixtures hold which SKU, and the cache of planned walks.
import {
  buildWalkableGrid,
  centroid,
  nearestWalkableCell,
  type StoreLayout,
  type Vec2,
  type WalkableGrid,
} from '@retail/contracts';
import { buildExposureMap } from './exposure-map.js';
import { sideOf } from './floor-geometry.js';
import { LegCache, type Stop } from './leg-cache.js';
import { ZoneLocator } from './zone-locator.js';

export interface Door {
  id: string;
  line: readonly [Vec2, Vec2];
  /** About a metre inside the counting line. */
  inside: Stop;
  /** Just outside the line, when the floor extends past it; else shoppers appear at `inside`. */
  outside?: Stop;
}

export interface StoreWorld {
  layout: StoreLayout;
  grid: WalkableGrid;
  staffGrid: WalkableGrid;
  zones: ZoneLocator;
  fixtureIndex: ReadonlyMap<string, number>;
  /** Per fixture (layout order): where a shopper stands at it, or undefined when unreachable. */
  fixtureStops: readonly (Stop | undefined)[];
  /** Reachable fixtures holding each SKU. */
  skuFixtures: ReadonlyMap<string, readonly number[]>;
  doors: readonly Door[];
  /** Fixture indices of the tills in use. */
  lanes: readonly number[];
  /** Walking metres between two stops by key (fixtures and door insides), Infinity when unknown. */
  distance(from: string, to: string): number;
  legs: LegCache;
  staffLegs: LegCache;
  /** Staff stops: in staff-only zones, and at fixtures on the floor (with the fixture's zone id). */
  staffStops: { backRoom: readonly Stop[]; floor: readonly (Stop & { zoneId: string })[] };
}

export interface StoreWorldOptions {
  exposureRadiusM: number;
  /** Till fixture ids; every `checkout` fixture when absent. */
  lanes?: readonly string[];
}

export function fixtureKey(id: string): string {
  return `f:${id}`;
}

export function buildStoreWorld(layout: StoreLayout, options: StoreWorldOptions): StoreWorld {
  const grid = buildWalkableGrid(layout);
  const staffGrid = buildWalkableGrid(layout, { includeStaffOnly: true });
  const fixtureIndex = new Map(layout.fixtures.map((f, i) => [f.id, i]));
  const doors = layout.entrances.flatMap((e) => {
    const door = doorOf(grid, e.id, e.line, e.inside);
    return door ? [door] : [];
  });
  if (doors.length === 0) throw new RangeError('the layout has no usable entrance');

  const legs = new LegCache(grid, {
    exposure: buildExposureMap(grid, layout.fixtures, options.exposureRadiusM),
    fields: true,
  });
  const candidates = layout.fixtures.map((f) => stopAt(grid, fixtureKey(f.id), centroid(f.polygon)));
  const stops = new Map<string, Stop>();
  for (const stop of [...candidates, ...doors.map((d) => d.inside)]) if (stop) stops.set(stop.key, stop);
  const distance = (a: string, b: string): number => {
    const from = stops.get(a);
    const to = stops.get(b);
    return from && to ? legs.distance(from, to) : Infinity;
  };
  const firstDoor = doors[0]!.inside.key;
  const fixtureStops = candidates.map((s) =>
    s && Number.isFinite(distance(firstDoor, s.key)) ? s : undefined,
  );

  const skuFixtures = new Map<string, number[]>();
  layout.fixtures.forEach((f, i) => {
    if (!fixtureStops[i]) return;
    for (const sku of f.skus) {
      const list = skuFixtures.get(sku) ?? [];
      if (!list.includes(i)) list.push(i);
      skuFixtures.set(sku, list);
    }
  });

  const laneIds = options.lanes ?? layout.fixtures.filter((f) => f.kind === 'checkout').map((f) => f.id);
  const lanes = laneIds.flatMap((id) => {
    const i = fixtureIndex.get(id);
    return i !== undefined && fixtureStops[i] ? [i] : [];
  });
  if (lanes.length === 0) throw new RangeError('the layout has no reachable checkout fixture');

  return {
    layout,
    grid,
    staffGrid,
    zones: new ZoneLocator(layout.zones, grid),
    fixtureIndex,
    fixtureStops,
    skuFixtures,
    doors,
    lanes,
    distance,
    legs,
    staffLegs: new LegCache(staffGrid, { fields: true }),
    staffStops: staffStopsOf(layout, staffGrid),
  };
}

function stopAt(grid: WalkableGrid, key: string, p: Vec2): Stop | undefined {
  const cell = nearestWalkableCell(grid, p);
  return cell && { key, point: grid.centreOf(cell.col, cell.row) };
}

function doorOf(
  grid: WalkableGrid,
  id: string,
  line: readonly [Vec2, Vec2],
  inside: 'left' | 'right',
): Door | undefined {
  const [a, b] = line;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const left: Vec2 = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  const dir: Vec2 = inside === 'left' ? left : [-left[0], -left[1]];
  const mid: Vec2 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const insideSign = inside === 'left' ? 1 : -1;
  const inStop = stopAt(grid, `in:${id}`, [mid[0] + dir[0], mid[1] + dir[1]]);
  if (!inStop || sideOf(a, b, inStop.point) * insideSign <= 0) return undefined;
  const outStop = stopAt(grid, `out:${id}`, [mid[0] - 0.3 * dir[0], mid[1] - 0.3 * dir[1]]);
  const outsideOk =
    outStop &&
    sideOf(a, b, outStop.point) * insideSign < 0 &&
    Math.hypot(outStop.point[0] - mid[0], outStop.point[1] - mid[1]) < 1;
  return { id, line, inside: inStop, ...(outsideOk && { outside: outStop }) };
}

function staffStopsOf(layout: StoreLayout, grid: WalkableGrid): StoreWorld['staffStops'] {
  const backRoom: Stop[] = [];
  const floor: (Stop & { zoneId: string })[] = [];
  const staffOnly = new Set(layout.zones.filter((z) => z.kind === 'staff-only').map((z) => z.id));
  for (const z of layout.zones) {
    if (!staffOnly.has(z.id)) continue;
    const stop = stopAt(grid, `z:${z.id}`, centroid(z.polygon));
    if (stop) backRoom.push(stop);
  }
  for (const f of layout.fixtures) {
    const stop = stopAt(grid, fixtureKey(f.id), centroid(f.polygon));
    if (!stop) continue;
    if (staffOnly.has(f.zoneId)) backRoom.push(stop);
    else floor.push({ ...stop, zoneId: f.zoneId });
  }
  return { backRoom, floor };
}
