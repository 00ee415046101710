// Small hand-built layouts for the walkable tests: a bare rectangular floor with rectangles on it.
import { type StoreLayout, storeLayoutSchema } from '../layout/index.js';

export type Rect = readonly [x0: number, y0: number, x1: number, y1: number];

export function rect([x0, y0, x1, y1]: Rect): [number, number][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** A width × depth floor in one aisle zone; `fixtures` become shelves, `obstacles` floor obstacles. */
export function rectLayout(options: {
  width: number;
  depth: number;
  fixtures?: readonly Rect[];
  obstacles?: readonly Rect[];
  staffOnly?: readonly Rect[];
}): StoreLayout {
  const { width, depth } = options;
  return storeLayoutSchema.parse({
    schema: 'retail.layout/v1',
    storeId: 'walk-test',
    name: 'Walk test',
    layoutVersion: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
    floor: { width, depth, obstacles: (options.obstacles ?? []).map(rect) },
    zones: [
      { id: 'floor', name: 'Floor', kind: 'aisle', polygon: rect([0, 0, width, depth]) },
      ...(options.staffOnly ?? []).map((r, i) => ({
        id: `staff-${i}`,
        name: `Staff ${i}`,
        kind: 'staff-only',
        polygon: rect(r),
      })),
    ],
    fixtures: (options.fixtures ?? []).map((r, i) => ({
      id: `f${i}`,
      kind: 'shelf',
      zoneId: 'floor',
      polygon: rect(r),
    })),
  });
}
