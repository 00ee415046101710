// Property tests of what may leave the gateway, on generated stores and crowds (sparse and dense),
// against an oracle computed straight from the observations.
import {
  type GatewaySettings,
  pointInPolygon,
  type StoreLayout,
  type StoreLayoutInput,
  storeLayoutSchema,
  type Zone,
} from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CrowdTrack,
  crowdArb,
  parseBodies,
  seededRandom,
  stringsIn,
  T0,
  testSettings,
} from './aggregation-test-kit.js';
import { HeatmapGrid, MAX_DWELL_INTERVAL_MS } from './heatmap-grid.js';
import type { TimeWindow, TrackObservation } from './track-observation.js';
import { DEFAULT_TRACK_TIMEOUT_MS, WindowAggregator, type WindowOutput } from './window-aggregator.js';

const WINDOW_MS = 30_000;
const WINDOWS = 3;
const W = 14;
const D = 10;

// ---- generated stores and runs -----------------------------------------------------------------

const coord = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((v) => v / 4);
const rectArb = fc
  .tuple(coord(W), coord(W), coord(D), coord(D))
  .filter(([x0, x1, y0, y1]) => x0 !== x1 && y0 !== y1)
  .map(([x0, x1, y0, y1]): [number, number][] => {
    const [ax, bx] = [Math.min(x0, x1), Math.max(x0, x1)];
    const [ay, by] = [Math.min(y0, y1), Math.max(y0, y1)];
    return [
      [ax, ay],
      [bx, ay],
      [bx, by],
      [ax, by],
    ];
  });

/** Random, possibly overlapping or nested zones (some staff-only) and counting lines on a W × D floor. */
const layoutArb: fc.Arbitrary<StoreLayout> = fc
  .record({
    zones: fc.array(fc.tuple(rectArb, fc.constantFrom('aisle', 'department', 'display', 'staff-only')), {
      minLength: 1,
      maxLength: 5,
    }),
    lines: fc.array(
      fc
        .tuple(coord(W), coord(D), coord(W), coord(D), fc.constantFrom('left', 'right'))
        .filter(([ax, ay, bx, by]) => ax !== bx || ay !== by),
      { maxLength: 2 },
    ),
  })
  .map(({ zones, lines }) =>
    storeLayoutSchema.parse({
      schema: 'retail.layout/v1',
      storeId: 'gen-store',
      name: 'Generated',
      layoutVersion: 7,
      effectiveFrom: '2026-01-01T00:00:00Z',
      floor: { width: W, depth: D },
      zones: zones.map(([polygon, kind], i) => ({ id: `z${i}`, name: `Zone ${i}`, kind, polygon })),
      entrances: lines.map(([ax, ay, bx, by, inside], i) => ({
        id: `e${i}`,
        name: `Door ${i}`,
        line: [
          [ax, ay],
          [bx, by],
        ],
        inside,
      })),
    } satisfies StoreLayoutInput),
  );

const settingsArb = fc
  .record({
    heatmapCellSize: fc.constantFrom(0.25, 0.5, 1, 2),
    kAnonymity: fc.integer({ min: 2, max: 6 }),
    stopThresholdS: fc.constantFrom(1, 5, 10),
    epsilon: fc.option(fc.constantFrom(0.1, 1, 5), { nil: undefined }),
  })
  .map((s) => testSettings(s));

const crowd = crowdArb({ width: W, depth: D, spanMs: WINDOWS * WINDOW_MS });
const staffCrowd = crowdArb({
  width: W,
  depth: D,
  spanMs: WINDOWS * WINDOW_MS,
  maxTracks: 5,
  idOffset: 1000,
}).map((tracks) =>
  tracks.map((t) => ({ ...t, observations: t.observations.map((o) => ({ ...o, staff: true })) })),
);

const windows: TimeWindow[] = Array.from({ length: WINDOWS }, (_, i) => ({
  start: T0 + i * WINDOW_MS,
  end: T0 + (i + 1) * WINDOW_MS,
}));

function stream(...crowds: CrowdTrack[][]): TrackObservation[] {
  return crowds
    .flat()
    .flatMap((t) => t.observations)
    .sort((a, b) => a.ts - b.ts);
}

function runAll(
  layout: StoreLayout,
  settings: GatewaySettings,
  obs: readonly TrackObservation[],
  seed: number,
  final: boolean,
) {
  const agg = new WindowAggregator({ layout, settings, random: seededRandom(seed) });
  for (const o of obs) agg.observe(o);
  return windows.map((w, i) => agg.closeWindow(w.start, w.end, { final: final && i === WINDOWS - 1 }));
}

/** The published bodies, without the counts the gateway keeps for its metrics and logs. */
const bodiesOf = (outs: WindowOutput[]) => outs.map(({ ignored: _, received: __, ...bodies }) => bodies);

// ---- the oracle --------------------------------------------------------------------------------

/** Observations grouped per track, each with the time of the track's next observation. */
function perTrack(
  obs: readonly TrackObservation[],
): { o: TrackObservation; prev?: TrackObservation; nextTs: number }[] {
  const byTrack = new Map<string, TrackObservation[]>();
  for (const o of obs) byTrack.set(o.trackId, [...(byTrack.get(o.trackId) ?? []), o]);
  return [...byTrack.values()].flatMap((list) =>
    list.map((o, i) => ({ o, ...(i > 0 && { prev: list[i - 1]! }), nextTs: list[i + 1]?.ts ?? Infinity })),
  );
}

/** Tracks and dwell per base cell in a window: an observation owns the time to the next one, at most 5 s. */
function oracleCells(obs: readonly TrackObservation[], grid: HeatmapGrid, w: TimeWindow) {
  const cells = new Map<string, { col: number; row: number; tracks: Set<string>; dwellMs: number }>();
  for (const { o, nextTs } of perTrack(obs)) {
    const dwell = Math.max(
      0,
      Math.min(nextTs, o.ts + MAX_DWELL_INTERVAL_MS, w.end) - Math.max(o.ts, w.start),
    );
    if (dwell === 0 && (o.ts < w.start || o.ts >= w.end)) continue;
    const { col, row } = grid.cellOf(o.x, o.y);
    const key = `${col},${row}`;
    const cell = cells.get(key) ?? { col, row, tracks: new Set<string>(), dwellMs: 0 };
    cell.tracks.add(o.trackId);
    cell.dwellMs += dwell;
    cells.set(key, cell);
  }
  return cells;
}

/** Tracks present in a zone in a window: seen inside it, or leaving it (seen outside right after inside). */
function oracleZoneShoppers(obs: readonly TrackObservation[], zone: Zone, w: TimeWindow): Set<string> {
  const tracks = new Set<string>();
  const inZone = (o: TrackObservation) => pointInPolygon([o.x, o.y], zone.polygon);
  for (const { o, prev } of perTrack(obs)) {
    if (o.ts < w.start || o.ts >= w.end) continue;
    const leaving = prev && inZone(prev) && o.ts - prev.ts <= DEFAULT_TRACK_TIMEOUT_MS;
    if (inZone(o) || leaving) tracks.add(o.trackId);
  }
  return tracks;
}

// ---- the laws ----------------------------------------------------------------------------------

const exactSettings = settingsArb.map((s) => ({ ...s, epsilon: undefined }));

describe('privacy laws of the published windows', () => {
  // The windows fall in one hour, so what a window leaves under k is held for the next ones (k-hold.ts):
  // the oracle carries each base cell's (and zone's) unpublished tracks and dwell forward, and a
  // published cell takes all its base cells carry.
  it('(1, 2) no heatmap cell under k; each base cell, with what it carries, in exactly one published cell or suppressed', () => {
    fc.assert(
      fc.property(layoutArb, exactSettings, crowd, fc.boolean(), (layout, settings, tracks, final) => {
        const obs = stream(tracks);
        const outs = runAll(layout, settings, obs, 1, final);
        const grid = new HeatmapGrid({ width: W, depth: D, cellSize: settings.heatmapCellSize });
        let carried = new Map<string, { col: number; row: number; tracks: Set<string>; dwellMs: number }>();
        outs.forEach((out, i) => {
          const truth = carried;
          for (const [key, cell] of oracleCells(obs, grid, windows[i]!)) {
            const held = truth.get(key);
            if (!held) truth.set(key, cell);
            else {
              for (const t of cell.tracks) held.tracks.add(t);
              held.dwellMs += cell.dwellMs;
            }
          }
          carried = new Map();
          const cells = out.heatmap.cells;
          // A base cell's home is the smallest published cell covering it; no home means suppressed.
          const members = new Map<number, { tracks: Set<string>; dwellMs: number }>();
          let homeless = 0;
          for (const base of truth.values()) {
            let home = -1;
            cells.forEach((c, j) => {
              const covers =
                base.col >= c.col &&
                base.col < c.col + c.scale &&
                base.row >= c.row &&
                base.row < c.row + c.scale;
              if (covers && (home < 0 || c.scale < cells[home]!.scale)) home = j;
            });
            if (home < 0) {
              homeless++;
              expect(base.tracks.size).toBeLessThan(settings.kAnonymity);
              carried.set(`${base.col},${base.row}`, base);
              continue;
            }
            const m = members.get(home) ?? { tracks: new Set<string>(), dwellMs: 0 };
            for (const t of base.tracks) m.tracks.add(t);
            m.dwellMs += base.dwellMs;
            members.set(home, m);
          }
          expect(out.heatmap.suppressedCells).toBe(homeless);
          cells.forEach((c, j) => {
            const m = members.get(j);
            expect(m, `published cell ${c.col},${c.row}×${c.scale} carries no base cell`).toBeDefined();
            expect(m!.tracks.size).toBeGreaterThanOrEqual(settings.kAnonymity);
            expect(c.shoppers).toBe(m!.tracks.size);
            expect(c.dwellSeconds).toBeCloseTo(m!.dwellMs / 1000, 2);
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('(3) no zone published with fewer than k shoppers; staff-only zones never', () => {
    fc.assert(
      fc.property(layoutArb, exactSettings, crowd, (layout, settings, tracks) => {
        const obs = stream(tracks);
        const outs = runAll(layout, settings, obs, 1, false);
        const reportable = layout.zones.filter((z) => z.kind !== 'staff-only');
        const k = settings.kAnonymity;
        const carried = new Map(reportable.map((z) => [z.id, new Set<string>()]));
        outs.forEach((out, i) => {
          const present = new Map(
            reportable.map((z) => [
              z.id,
              new Set([...carried.get(z.id)!, ...oracleZoneShoppers(obs, z, windows[i]!)]),
            ]),
          );
          const truth = new Map([...present].map(([id, tracks]) => [id, tracks.size]));
          for (const z of out.zones.zones) {
            expect(truth.get(z.zoneId)).toBeGreaterThanOrEqual(k);
            expect(z.shoppers).toBe(truth.get(z.zoneId));
            expect(z.peakOccupancy).toBeLessThanOrEqual(z.shoppers);
            // A shopper's first visit to a zone is one of its visits, and counts once.
            expect(z.firstVisits).toBeLessThanOrEqual(z.visits);
            expect(z.firstVisits).toBeLessThanOrEqual(z.shoppers);
          }
          const published = new Set(out.zones.zones.map((z) => z.zoneId));
          const underK = [...truth].filter(([id, n]) => n > 0 && n < k && !published.has(id));
          expect(out.zones.suppressedZones).toBe(underK.length);
          for (const [id, n] of truth) if (n >= k) expect(published.has(id)).toBe(true);
          for (const [id, tracks] of present) carried.set(id, published.has(id) ? new Set() : tracks);
          for (const t of out.zones.transitions) {
            expect(t.count).toBeGreaterThanOrEqual(k);
            expect(t.from).not.toBe(t.to);
            expect(truth.has(t.from) && truth.has(t.to)).toBe(true);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('(4) staff never change any output', () => {
    fc.assert(
      fc.property(
        layoutArb,
        settingsArb,
        crowd,
        staffCrowd,
        fc.boolean(),
        (layout, settings, tracks, staff, final) => {
          const without = runAll(layout, settings, stream(tracks), 9, final);
          const withStaff = runAll(layout, settings, stream(tracks, staff), 9, final);
          expect(bodiesOf(withStaff)).toEqual(bodiesOf(without));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('(5, 6) outputs validate against the contract and carry no MAC, card number or track id', () => {
    const mac = /([0-9a-f]{2}[:-]){5}[0-9a-f]{2}/i;
    fc.assert(
      fc.property(layoutArb, settingsArb, crowd, fc.boolean(), (layout, settings, tracks, final) => {
        const outs = runAll(layout, settings, stream(tracks), 5, final);
        const closedPaths = new Set<string>();
        for (const out of outs) {
          parseBodies(out);
          const { ignored: _, ...bodies } = out;
          for (const s of stringsIn(bodies)) {
            expect(s).not.toMatch(mac);
            expect(s).not.toMatch(/\d{12,}/);
          }
          const json = JSON.stringify(bodies);
          for (const t of tracks) expect(json).not.toContain(t.trackId);
          for (const p of out.paths.paths) {
            expect(closedPaths.has(p.pathId)).toBe(false); // a closed path never comes back
            if (p.closed) closedPaths.add(p.pathId);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: same input and seed, same output, noise included', () => {
    fc.assert(
      fc.property(layoutArb, settingsArb, crowd, fc.nat(), (layout, settings, tracks, seed) => {
        const obs = stream(tracks);
        expect(runAll(layout, settings, obs, seed, true)).toEqual(runAll(layout, settings, obs, seed, true));
      }),
      { numRuns: 50 },
    );
  });
});
