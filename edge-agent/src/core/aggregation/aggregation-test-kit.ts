// Test support for the aggregation core: a seeded random, a small store, schema checks of the
// output bodies, and a fast-check generator of crowds (sparse and dense). Not for production code.
import {
  countsMessageSchema,
  type GatewaySettings,
  type GatewaySettingsInput,
  gatewaySettingsSchema,
  heatmapMessageSchema,
  pathsMessageSchema,
  type StoreLayout,
  type StoreLayoutInput,
  storeLayoutSchema,
  zonesMessageSchema,
} from '@retail/contracts';
import fc from 'fast-check';
import type { TrackObservation } from './track-observation.js';
import type { WindowBodies } from './window-release.js';

export { seededRandom } from '@retail/contracts';

type Rect = [x0: number, y0: number, x1: number, y1: number];
const rect = ([x0, y0, x1, y1]: Rect): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/**
 * A 12 × 8 m store: produce (x 0–6) and bakery (x 6–12) side by side, an end-cap nested in
 * produce (x 2–4, y 2–4), a staff-only back office overlapping bakery (x 10–12, y 6–8), and a
 * door line at x = 1 from y = 3 down to y = 0 with the store (x > 1) on its left.
 */
export function testLayout(patch: Partial<StoreLayoutInput> = {}): StoreLayout {
  return storeLayoutSchema.parse({
    schema: 'retail.layout/v1',
    storeId: 'test-store',
    name: 'Test store',
    layoutVersion: 3,
    effectiveFrom: '2026-01-01T00:00:00Z',
    floor: { width: 12, depth: 8 },
    zones: [
      { id: 'produce', name: 'Produce', kind: 'department', polygon: rect([0, 0, 6, 8]) },
      { id: 'bakery', name: 'Bakery', kind: 'department', polygon: rect([6, 0, 12, 8]) },
      { id: 'end-cap', name: 'End-cap', kind: 'display', polygon: rect([2, 2, 4, 4]) },
      { id: 'back-office', name: 'Back office', kind: 'staff-only', polygon: rect([10, 6, 12, 8]) },
    ],
    entrances: [
      {
        id: 'door',
        name: 'Door',
        line: [
          [1, 3],
          [1, 0],
        ],
        inside: 'left',
      },
    ],
    ...patch,
  } satisfies StoreLayoutInput);
}

export function testSettings(patch: Partial<GatewaySettingsInput> = {}): GatewaySettings {
  // Zone hysteresis off: the hand-computed expectations count a visit from the first observation
  // inside. window-aggregator.test.ts checks the hysteresis with the product's defaults.
  return gatewaySettingsSchema.parse({
    heatmapCellSize: 1,
    kAnonymity: 2,
    stopThresholdS: 10,
    zoneMinDwellS: 0,
    zoneExitGraceS: 0,
    ...patch,
  });
}

const envelope = { v: 1, msgId: 'gw-1:1', storeId: 'test-store', gatewayId: 'gw-1' } as const;

/** Parses each body as the hub would, with an envelope added; throws on any contract violation. */
export function parseBodies(bodies: WindowBodies): void {
  heatmapMessageSchema.parse({ ...envelope, ...bodies.heatmap });
  zonesMessageSchema.parse({ ...envelope, ...bodies.zones });
  countsMessageSchema.parse({ ...envelope, ...bodies.counts });
  pathsMessageSchema.parse({ ...envelope, ...bodies.paths });
}

/** Every string value in a JSON-like value (keys included). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  }
  return [];
}

export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/** Observations of one track walking through points, one every `stepMs`. */
export function walk(
  trackId: string,
  startTs: number,
  stepMs: number,
  points: readonly (readonly [number, number])[],
  extra: Partial<TrackObservation> = {},
): TrackObservation[] {
  return points.map(([x, y], i) => ({ trackId, ts: startTs + i * stepMs, x, y, ...extra }));
}

/** Merges per-track observation lists into one stream in time order (stable for equal times). */
export function inTimeOrder(...tracks: TrackObservation[][]): TrackObservation[] {
  return tracks.flat().sort((a, b) => a.ts - b.ts);
}

// ---- crowd generator -------------------------------------------------------------------------

export interface CrowdTrack {
  trackId: string;
  observations: TrackObservation[];
}

/** Track ids a careless tracker might use: MAC-like, card-number-like, plain. None may leak. */
function trackIdFor(style: number, i: number): string {
  const hex = i.toString(16).padStart(4, '0');
  if (style === 0) return `a4:5e:60:f1:${hex.slice(0, 2)}:${hex.slice(2)}`;
  if (style === 1) return `400012341234${String(i).padStart(4, '0')}`;
  return `track-secret-${i}-x`;
}

const rotatingIdArb = fc.stringMatching(/^[0-9a-f]{16}$/);
/** Uniform in [min, max] at millimetre-ish steps; fc.double would crowd its draws near 0. */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 10_000 }).map((i) => min + ((max - min) * i) / 10_000);

/**
 * Tracks gathered around a few hotspots that drift across the floor: a small spread makes dense
 * groups that clear k and cross zone borders and doors together, a large one sparse crowds that
 * must be merged or suppressed. Steps are short with the odd long gap (beyond the track timeout).
 * Opted-in tracks carry rotating ids, some malformed or digit-only.
 */
export function crowdArb(options: {
  width: number;
  depth: number;
  spanMs: number;
  maxTracks?: number;
  idOffset?: number;
}): fc.Arbitrary<CrowdTrack[]> {
  const { width, depth, spanMs } = options;
  const unit = uniform(-1, 1);
  const step = fc.record({
    dt: fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 100, max: 3000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 3001, max: 25_000 }) },
    ),
    jx: unit,
    jy: unit,
  });
  const track = fc.record({
    hotspot: fc.nat({ max: 3 }),
    ox: unit,
    oy: unit,
    start: fc.integer({ min: 0, max: spanMs - 1 }),
    steps: fc.array(step, { maxLength: 40, size: 'medium' }),
    idStyle: fc.nat({ max: 2 }),
    rotatingIds: fc.option(
      fc.array(fc.oneof(rotatingIdArb, fc.constantFrom('AB:CD:EF:01:02:03', '1234567890123456')), {
        minLength: 1,
        maxLength: 2,
      }),
      { freq: 3 },
    ),
  });
  const hotspot = fc.record({
    x: uniform(0, width),
    y: uniform(0, depth),
    /** Drift, metres per second. */
    vx: uniform(-0.5, 0.5),
    vy: uniform(-0.5, 0.5),
  });
  const hotspots = fc.array(hotspot, { minLength: 1, maxLength: 4 });
  const spread = fc.constantFrom(0.05, 0.5, 3);
  const clamp = (v: number, max: number) => Math.min(max - 1e-6, Math.max(0, v));
  return fc
    .tuple(hotspots, spread, fc.array(track, { maxLength: options.maxTracks ?? 40, size: 'medium' }))
    .map(([spots, s, tracks]) =>
      tracks.map((t, i) => {
        const trackId = trackIdFor(t.idStyle, i + (options.idOffset ?? 0));
        const spot = spots[t.hotspot % spots.length]!;
        let ts = T0 + t.start;
        // Where the group is at a time, plus this member's offset and a little jitter per step.
        const at = (time: number, jx: number, jy: number): [number, number] => {
          const sec = (time - T0) / 1000;
          return [
            clamp(spot.x + spot.vx * sec + t.ox * s + jx * 0.2 * s, width),
            clamp(spot.y + spot.vy * sec + t.oy * s + jy * 0.2 * s, depth),
          ];
        };
        const ids = t.rotatingIds ?? undefined;
        const extra = ids ? { rotatingIds: ids } : {};
        const [x0, y0] = at(ts, 0, 0);
        const observations: TrackObservation[] = [{ trackId, ts, x: x0, y: y0, ...extra }];
        for (const st of t.steps) {
          ts += st.dt;
          if (ts >= T0 + spanMs) break;
          const [x, y] = at(ts, st.jx, st.jy);
          observations.push({ trackId, ts, x, y, ...extra });
        }
        return { trackId, observations };
      }),
    );
}
