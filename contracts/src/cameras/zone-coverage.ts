// How much of each zone's floor the store's cameras see. A gateway counts a zone visit only where a
// camera follows the shopper into the zone, so a zone no camera sees reads zero traffic however busy
// it is, and one seen in part reads low; compared with zones in full view it looks cold when it is
// only unwatched. This tells, from the layout alone, the share of each zone's standing floor (its
// area less fixtures and obstacles) that some camera sees. Also how much of it cameras of more than
// one gateway see: a gateway merges its own cameras' tracks in floor space, so a shopper there counts
// once per gateway, and the hub, which cannot tell them apart, adds the gateways' figures. Pure.
import { boundsOf, centroid, type Polygon, pointInPolygon, type Vec2 } from '../geometry.js';
import type { StoreLayout } from '../layout/index.js';
import { imagePoint, layoutCameraViews } from './camera-view.js';
import { type CoverageLevel, coverageOf } from './entrance-coverage.js';

export interface ZoneCoverage {
  zoneId: string;
  /** Share of the zone's sample points that some camera sees, in [0, 1]. */
  seen: number;
  /** `full` from FULL_COVERAGE up, `none` at 0, `partial` between. */
  level: CoverageLevel;
  /** The cameras that see some of it, in layout order. */
  cameras: string[];
  /** Share of the zone's sample points that cameras of two or more gateways see, in [0, seen]. */
  sharedByGateways: number;
}

/** Sample spacing, metres: a step, about the floor one shopper stands on. */
export const ZONE_SAMPLE_M = 0.5;

export function zoneCoverage(layout: StoreLayout): ZoneCoverage[] {
  const views = layoutCameraViews(layout);
  const gatewayOf = new Map(layout.cameras.map((c) => [c.id, c.gatewayId]));
  const blocked = [...layout.fixtures.map((f) => f.polygon), ...layout.floor.obstacles];
  return layout.zones.map((zone) => {
    const points = samplePoints(zone.polygon).filter((p) => !blocked.some((b) => pointInPolygon(p, b)));
    // A zone all fixture (or narrower than a step) is judged at its centre.
    if (points.length === 0) points.push(centroid(zone.polygon));
    const cameras = new Set<string>();
    let seen = 0;
    let shared = 0;
    for (const p of points) {
      const seers = views.filter((v) => imagePoint(v, p));
      for (const v of seers) cameras.add(v.cameraId);
      if (seers.length > 0) seen++;
      if (new Set(seers.map((v) => gatewayOf.get(v.cameraId))).size > 1) shared++;
    }
    return {
      zoneId: zone.id,
      ...coverageOf(layout, seen / points.length, cameras),
      sharedByGateways: shared / points.length,
    };
  });
}

/** One line naming the shopper zones no camera sees (none when every one is seen), for layout checks. */
export function zoneCoverageWarnings(
  layout: StoreLayout,
  coverage: readonly ZoneCoverage[] = zoneCoverage(layout),
): string[] {
  const shopperZones = new Set(layout.zones.filter((z) => z.kind !== 'staff-only').map((z) => z.id));
  const unseen = coverage.filter((c) => c.level === 'none' && shopperZones.has(c.zoneId));
  if (unseen.length === 0) return [];
  const ids = unseen.map((c) => `"${c.zoneId}"`).join(', ');
  return [
    unseen.length === 1
      ? `zone ${ids}: no camera sees it, so it will have no traffic figures`
      : `zones ${ids}: no camera sees them, so they will have no traffic figures`,
  ];
}

/**
 * One line naming the shopper zones that cameras of several gateways see in part together (none when no
 * zone is): each gateway counts a shopper there, so their traffic reads high. Such cameras belong on
 * one gateway, which merges their tracks.
 */
export function sharedViewWarnings(
  layout: StoreLayout,
  coverage: readonly ZoneCoverage[] = zoneCoverage(layout),
): string[] {
  const shopperZones = new Set(layout.zones.filter((z) => z.kind !== 'staff-only').map((z) => z.id));
  const gatewayOf = new Map(layout.cameras.map((c) => [c.id, c.gatewayId]));
  const shared = coverage.filter((c) => c.sharedByGateways > 0 && shopperZones.has(c.zoneId));
  if (shared.length === 0) return [];
  const zones = shared.map((c) => {
    const gateways = [...new Set(c.cameras.map((id) => gatewayOf.get(id)))].join(', ');
    return `"${c.zoneId}" ${Math.max(1, Math.round(c.sharedByGateways * 100))}% (${gateways})`;
  });
  return [
    `${shared.length === 1 ? 'zone' : 'zones'} ${zones.join(', ')}: cameras of several gateways see this ` +
      'floor, and each gateway counts a shopper there, so its traffic reads high; cameras that see the ' +
      'same floor belong on one gateway, which counts a shopper once',
  ];
}

/** The centres of a ZONE_SAMPLE_M grid's cells that fall inside the polygon. */
function samplePoints(polygon: Polygon): Vec2[] {
  const [minX, minY, maxX, maxY] = boundsOf(polygon);
  const out: Vec2[] = [];
  for (let x = minX + ZONE_SAMPLE_M / 2; x < maxX; x += ZONE_SAMPLE_M)
    for (let y = minY + ZONE_SAMPLE_M / 2; y < maxY; y += ZONE_SAMPLE_M)
      if (pointInPolygon([x, y], polygon)) out.push([x, y]);
  return out;
}
