// Which entrances the store's cameras can count. A gateway counts a shopper in or out when a camera
// sees them on both sides of the entrance's counting line; where no camera sees the floor there, the
// entrance's counts stay at zero whatever the traffic, and a store's "people in" reads low without
// saying so. This tells, from the layout alone, how much of each line some camera watches. Pure.
import type { Vec2 } from '../geometry.js';
import type { StoreLayout } from '../layout/index.js';
import { imagePoint, layoutCameraViews } from './camera-view.js';

export const COVERAGE_LEVELS = ['full', 'partial', 'none'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

export interface EntranceCoverage {
  entranceId: string;
  /**
   * Share of the line's sample points (spread along it) at which some camera sees the floor both
   * CROSSING_DEPTH_M inside and CROSSING_DEPTH_M outside the line, in [0, 1].
   */
  seen: number;
  /** `full` from FULL_COVERAGE of the line up, `none` at 0, `partial` between. */
  level: CoverageLevel;
  /** The cameras that see either side anywhere along the line, in layout order. */
  cameras: string[];
}

/** How far either side of the line a camera must see a shopper for a crossing (the gateway's counter
 * settles a crossing half a metre past the line: line-crossing.ts). */
export const CROSSING_DEPTH_M = 0.5;
/** Sample points along each line. */
const SAMPLES = 9;
/** A line watched over at least this share counts as fully watched (its very ends may be door frame). */
export const FULL_COVERAGE = 0.9;

export function entranceCoverage(layout: StoreLayout): EntranceCoverage[] {
  const views = layoutCameraViews(layout);
  return layout.entrances.map((e) => {
    const [a, b] = e.line;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    // The unit normal towards the inside: `inside: 'left'` of the directed line a → b.
    const sign = e.inside === 'left' ? 1 : -1;
    const n: Vec2 = [(-(b[1] - a[1]) / length) * sign, ((b[0] - a[0]) / length) * sign];
    const cameras = new Set<string>();
    let seen = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const t = (i + 0.5) / SAMPLES;
      const p: Vec2 = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      const inside: Vec2 = [p[0] + CROSSING_DEPTH_M * n[0], p[1] + CROSSING_DEPTH_M * n[1]];
      const outside: Vec2 = [p[0] - CROSSING_DEPTH_M * n[0], p[1] - CROSSING_DEPTH_M * n[1]];
      const seesIn = views.filter((v) => imagePoint(v, inside));
      const seesOut = views.filter((v) => imagePoint(v, outside));
      for (const v of [...seesIn, ...seesOut]) cameras.add(v.cameraId);
      if (seesIn.length > 0 && seesOut.length > 0) seen++;
    }
    return { entranceId: e.id, ...coverageOf(layout, seen / SAMPLES, cameras) };
  });
}

/** A share seen, its level, and the cameras involved in layout order: the shape of every coverage. */
export function coverageOf(
  layout: StoreLayout,
  share: number,
  cameras: ReadonlySet<string>,
): { seen: number; level: CoverageLevel; cameras: string[] } {
  return {
    seen: share,
    level: share >= FULL_COVERAGE ? 'full' : share > 0 ? 'partial' : 'none',
    cameras: layout.cameras.map((c) => c.id).filter((id) => cameras.has(id)),
  };
}

/** One line per entrance the cameras cannot fully count, for whoever imports or checks a layout. */
export function entranceCoverageWarnings(layout: StoreLayout): string[] {
  const names = new Map(layout.entrances.map((e) => [e.id, e.name]));
  return entranceCoverage(layout).flatMap((c) => {
    const which = `entrance "${c.entranceId}" (${names.get(c.entranceId)})`;
    if (c.level === 'partial')
      return [
        `${which}: cameras see ${Math.round(c.seen * 100)}% of its counting line, so its counts will read low`,
      ];
    if (c.level === 'full') return [];
    return c.cameras.length === 0
      ? [`${which}: no camera sees its counting line, so it will count nobody`]
      : [
          `${which}: ${c.cameras.join(', ')} see${c.cameras.length === 1 ? 's' : ''} only one side of its counting line (a privacy mask or the edge of the picture), so it will count nobody`,
        ];
  });
}
