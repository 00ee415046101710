// Cross-field rules of a layout that one field's schema cannot see: unique ids, references that
// resolve, geometry that lies on the floor and inside the camera image. Each problem names its path.
import type { z } from 'zod';
import { centroid, pointInPolygon, pointInRect, spansPlane, type Vec2 } from '../geometry.js';
import type { storeLayoutBaseSchema } from './layout-schema.js';

type Layout = z.output<typeof storeLayoutBaseSchema>;
type Zone = Layout['zones'][number];
export interface LayoutProblem {
  path: (string | number)[];
  message: string;
}

function duplicateIds(ids: readonly string[], collection: string, field: string, out: LayoutProblem[]): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      out.push({
        path: [collection, i, field],
        message: `duplicate ${field} "${id}" (also ${collection}[${first}])`,
      });
  });
}

function checkOnFloor(
  points: readonly Vec2[],
  layout: Layout,
  path: (string | number)[],
  out: LayoutProblem[],
): void {
  const { width, depth } = layout.floor;
  points.forEach((p, i) => {
    if (!pointInRect(p, width, depth)) {
      out.push({
        path: [...path, i],
        message: `point (${p[0]}, ${p[1]}) lies outside the ${width} × ${depth} m floor`,
      });
    }
  });
}

export function layoutProblems(layout: Layout): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  for (const key of ['zones', 'fixtures', 'entrances', 'gateways', 'cameras', 'scanners'] as const) {
    duplicateIds(
      layout[key].map((item) => item.id),
      key,
      'id',
      out,
    );
  }
  duplicateIds(
    layout.staffTags.map((t) => t.beaconId),
    'staffTags',
    'beaconId',
    out,
  );

  layout.floor.walkable?.forEach((poly, i) => {
    checkOnFloor(poly, layout, ['floor', 'walkable', i], out);
  });
  layout.floor.obstacles.forEach((poly, i) => {
    checkOnFloor(poly, layout, ['floor', 'obstacles', i], out);
  });

  // First occurrence wins, so a duplicated id is reported once and does not cascade into its fixtures.
  const zones = new Map<string, Zone>();
  for (const z of layout.zones) if (!zones.has(z.id)) zones.set(z.id, z);
  layout.zones.forEach((z, i) => {
    checkOnFloor(z.polygon, layout, ['zones', i, 'polygon'], out);
  });
  layout.fixtures.forEach((f, i) => {
    checkOnFloor(f.polygon, layout, ['fixtures', i, 'polygon'], out);
    const zone = zones.get(f.zoneId);
    if (!zone) {
      out.push({ path: ['fixtures', i, 'zoneId'], message: `zone "${f.zoneId}" does not exist` });
    } else if (!pointInPolygon(centroid(f.polygon), zone.polygon)) {
      out.push({
        path: ['fixtures', i, 'polygon'],
        message: `fixture "${f.id}" lies outside its zone "${f.zoneId}"`,
      });
    }
  });
  layout.entrances.forEach((e, i) => {
    checkOnFloor(e.line, layout, ['entrances', i, 'line'], out);
    if (e.line[0][0] === e.line[1][0] && e.line[0][1] === e.line[1][1]) {
      out.push({ path: ['entrances', i, 'line'], message: 'the counting line needs two different points' });
    }
  });

  const gateways = new Set(layout.gateways.map((g) => g.id));
  layout.cameras.forEach((c, i) => {
    if (!gateways.has(c.gatewayId)) {
      out.push({ path: ['cameras', i, 'gatewayId'], message: `gateway "${c.gatewayId}" does not exist` });
    }
    const { width, height } = c.resolution;
    c.calibration.forEach((pair, j) => {
      if (!pointInRect(pair.image, width, height)) {
        out.push({
          path: ['cameras', i, 'calibration', j, 'image'],
          message: `pixel (${pair.image[0]}, ${pair.image[1]}) lies outside the ${width} × ${height} image`,
        });
      }
      if (!pointInRect(pair.floor, layout.floor.width, layout.floor.depth)) {
        out.push({
          path: ['cameras', i, 'calibration', j, 'floor'],
          message: `point (${pair.floor[0]}, ${pair.floor[1]}) lies outside the floor`,
        });
      }
    });
    if (!spansPlane(c.calibration.map((p) => p.image)) || !spansPlane(c.calibration.map((p) => p.floor))) {
      out.push({ path: ['cameras', i, 'calibration'], message: 'calibration points all lie on one line' });
    }
    c.privacyMasks.forEach((mask, j) => {
      mask.forEach((p, k) => {
        if (!pointInRect(p, width, height)) {
          out.push({
            path: ['cameras', i, 'privacyMasks', j, k],
            message: 'mask point lies outside the image',
          });
        }
      });
    });
  });
  layout.scanners.forEach((s, i) => {
    if (!gateways.has(s.gatewayId)) {
      out.push({ path: ['scanners', i, 'gatewayId'], message: `gateway "${s.gatewayId}" does not exist` });
    }
    if (!pointInRect([s.position.x, s.position.y], layout.floor.width, layout.floor.depth)) {
      out.push({ path: ['scanners', i, 'position'], message: 'scanner lies outside the floor' });
    }
  });
  return out;
}
