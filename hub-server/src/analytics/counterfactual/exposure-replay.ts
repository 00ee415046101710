// Counterfactual exposure: replay the observed paths against a proposed layout and compare, per item,
// the share of sessions that pass it before and after. Assumptions, stated because they bound what the
// figures mean:
// - Paths are fixed: shoppers walk the same zones (or the same trajectory points) in the new layout.
//   A move that changes where people walk (a new end-cap drawing traffic) is not modelled.
// - Exposure follows the product: an item is exposed to a session when the path enters a zone holding
//   one of its fixtures (zone replay), or passes within `radiusMetres` of one (trajectory replay).
// - Exposure is not purchase: turning these changes into sales needs a conversion model (see recommend/).
import type { Polygon, Vec2 } from '@retail/contracts';
import { pointInPolygon } from '@retail/contracts';
import { type ItemLevel, type PlacedFixture, Planogram } from '../planogram/planogram.js';

export type ObservedPath =
  | { readonly kind: 'zones'; readonly zones: ReadonlySet<string> }
  | { readonly kind: 'trajectory'; readonly points: readonly Vec2[] };

export interface ExposureOptions {
  level: ItemLevel;
  categoryOf?: (sku: string) => string | undefined;
  /** Items to report; every item placed before or after when omitted. */
  items?: readonly string[];
  /** Trajectory replay: how near a fixture a point must come to expose it, metres (default 2). */
  radiusMetres?: number;
}

export interface ExposureChange {
  readonly item: string;
  /** Share of sessions exposed, 0..1. */
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly sessionsBefore: number;
  readonly sessionsAfter: number;
}

export interface ExposureReplay {
  readonly sessions: number;
  /** Largest absolute change first. */
  readonly items: ExposureChange[];
}

export function replayExposure(
  paths: readonly ObservedPath[],
  before: readonly PlacedFixture[],
  after: readonly PlacedFixture[],
  options: ExposureOptions,
): ExposureReplay {
  const planOptions = { level: options.level, ...(options.categoryOf && { categoryOf: options.categoryOf }) };
  const plans = [new Planogram(before, planOptions), new Planogram(after, planOptions)] as const;
  const items = options.items ?? [...new Set([...plans[0].items, ...plans[1].items])];
  const exposed = plans.map((plan) => fixtureExposure(paths, plan, options.radiusMetres ?? 2));
  const n = paths.length;
  const rows = items.map((item) => {
    const [b, a] = plans.map((plan, k) => countExposed(n, plan.fixturesOf(item), exposed[k]!)) as [
      number,
      number,
    ];
    const share = (c: number) => (n > 0 ? c / n : 0);
    return {
      item,
      before: share(b),
      after: share(a),
      change: share(a) - share(b),
      sessionsBefore: b,
      sessionsAfter: a,
    };
  });
  rows.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || (x.item < y.item ? -1 : 1));
  return { sessions: n, items: rows };
}

/** For each fixture id, which paths (by index) it is exposed to. */
function fixtureExposure(paths: readonly ObservedPath[], plan: Planogram, radius: number) {
  const out = new Map<string, Uint8Array>();
  for (const f of plan.fixtures) {
    const hit = new Uint8Array(paths.length);
    paths.forEach((path, i) => {
      if (path.kind === 'zones') hit[i] = path.zones.has(f.zoneId) ? 1 : 0;
      else hit[i] = path.points.some((p) => distanceToPolygon(p, f.polygon) <= radius) ? 1 : 0;
    });
    out.set(f.id, hit);
  }
  return out;
}

function countExposed(n: number, fixtureIds: readonly string[], exposed: Map<string, Uint8Array>): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (fixtureIds.some((id) => exposed.get(id)![i] === 1)) count++;
  return count;
}

/** 0 inside or on the outline, else the distance to its nearest edge. */
export function distanceToPolygon(p: Vec2, poly: Polygon): number {
  if (pointInPolygon(p, poly)) return 0;
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    best = Math.min(best, distanceToSegment(p, poly[j]!, poly[i]!));
  }
  return best;
}

function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
