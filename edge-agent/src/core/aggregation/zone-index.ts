// Which reportable zones contain a floor point, and which of them is the most specific one.
import { type Polygon, pointInPolygon, signedArea, type Zone } from '@retail/contracts';

export interface ZoneIndexOptions {
  zones: readonly Zone[];
}

export interface ZoneHit {
  /** Every reportable zone containing the point (zones may overlap), in layout order. */
  inside: readonly string[];
  /** The smallest of them by area (the most specific when zones nest); first in layout order on a tie. */
  primary: string | undefined;
}

interface IndexedZone {
  id: string;
  polygon: Polygon;
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const NOWHERE: ZoneHit = { inside: [], primary: undefined };
/** The box test only skips the exact test; pointInPolygon counts points within ~1e-9 of an edge as inside. */
const BOX_PAD = 1e-6;

export class ZoneIndex {
  /** Ids of the zones that are reported, in layout order. `staff-only` zones are left out entirely. */
  readonly zoneIds: readonly string[];
  readonly #zones: IndexedZone[];

  constructor(options: ZoneIndexOptions) {
    this.#zones = options.zones
      .filter((z) => z.kind !== 'staff-only')
      .map((z) => {
        const xs = z.polygon.map((p) => p[0]);
        const ys = z.polygon.map((p) => p[1]);
        return {
          id: z.id,
          polygon: z.polygon,
          area: Math.abs(signedArea(z.polygon)),
          minX: Math.min(...xs) - BOX_PAD,
          minY: Math.min(...ys) - BOX_PAD,
          maxX: Math.max(...xs) + BOX_PAD,
          maxY: Math.max(...ys) + BOX_PAD,
        };
      });
    this.zoneIds = this.#zones.map((z) => z.id);
  }

  locate(x: number, y: number): ZoneHit {
    const inside: string[] = [];
    let primary: IndexedZone | undefined;
    for (const z of this.#zones) {
      if (x < z.minX || x > z.maxX || y < z.minY || y > z.maxY) continue;
      if (!pointInPolygon([x, y], z.polygon)) continue;
      inside.push(z.id);
      if (!primary || z.area < primary.area) primary = z;
    }
    return primary ? { inside, primary: primary.id } : NOWHERE;
  }
}
