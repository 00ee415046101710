// Zone KPIs for the store manager's table, from the zone roll-ups, the store's entries and the
// layout: traffic, dwell, stop rate, reach and exposure, conversion (when analytics provides it), how much of
// each zone the cameras see, and which shopper zones run hot or cold against the store's own median
// traffic per square metre (among the zones the cameras see enough of to compare).
import { type StoreLayout, signedArea, type ZoneCoverage } from '@retail/contracts';
import type { ZoneTotal } from '../../storage/query-store.js';

export type Temperature = 'hot' | 'cold' | 'normal';

export interface ZoneKpi {
  zoneId: string;
  name: string;
  kind: string | null;
  areaM2: number | null;
  /** Entries into the zone. */
  visits: number;
  stops: number;
  /** stops ÷ visits. */
  stopRate: number | null;
  avgDwellS: number | null;
  dwellMaxS: number;
  peakOccupancy: number;
  /**
   * Distinct shoppers the zone reached (the gateways' first visits); null when some window of the
   * range came from a gateway too old to count them.
   */
  reached: number | null;
  /**
   * The share of shoppers entering the store that the zone reached, at most 1: `reached` ÷ entries,
   * or, where `reached` is null, visits ÷ entries (an overestimate: a shopper who comes back counts
   * again). Null without entrance counts.
   */
  exposure: number | null;
  /** What `exposure` was computed from; null with it. */
  exposureBasis: 'first-visits' | 'visits' | null;
  /** Baskets with an item placed here ÷ zone shoppers, from analytics; null when not available. */
  conversion: number | null;
  visitsPerM2: number | null;
  /**
   * Shopper zones (departments, aisles, displays) the cameras see at least MIN_SEEN_TO_COMPARE of;
   * null for the rest: a zone out of view would only look cold.
   */
  temperature: Temperature | null;
  /** How much of the zone the layout's cameras see (contracts' zone-coverage.ts); null without a layout. */
  coverage: Omit<ZoneCoverage, 'zoneId'> | null;
}

export interface ZoneKpiInput {
  layout: StoreLayout | undefined;
  totals: readonly ZoneTotal[];
  /** Shoppers who came in over the same range. */
  entries: number;
  conversion?: Readonly<Record<string, number>>;
  /** Per zone of the layout; without it every shopper zone is compared. */
  coverage?: readonly ZoneCoverage[];
  hotRatio?: number;
  coldRatio?: number;
}

const SHOPPER_KINDS: ReadonlySet<string> = new Set(['department', 'aisle', 'display']);
/** Hot and cold compare zones the cameras see at least this share of: traffic in a zone seen in a corner
 * says little about the zone. */
export const MIN_SEEN_TO_COMPARE = 0.5;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function zoneKpis(input: ZoneKpiInput): ZoneKpi[] {
  const byId = new Map(input.totals.map((t) => [t.zoneId, t]));
  const coverage = new Map(input.coverage?.map(({ zoneId, ...c }) => [zoneId, c]));
  const layoutZones = input.layout?.zones ?? [];
  const ids = [...new Set([...layoutZones.map((z) => z.id), ...byId.keys()])];
  const rows = ids.map((zoneId): ZoneKpi => {
    const zone = layoutZones.find((z) => z.id === zoneId);
    const t = byId.get(zoneId);
    const visits = Number(t?.visits ?? 0);
    const stops = Number(t?.stops ?? 0);
    const areaM2 = zone ? Math.abs(signedArea(zone.polygon)) : null;
    // Every window of the range counted first visits (no row at all: nobody came, none reached).
    const reached =
      !t || Number(t.firstVisitWindows) === Number(t.windows) ? Number(t?.firstVisits ?? 0) : null;
    const reachBasis = input.entries > 0 ? (reached ?? visits) : null;
    return {
      zoneId,
      name: zone?.name ?? zoneId,
      kind: zone?.kind ?? null,
      areaM2,
      visits,
      stops,
      stopRate: ratio(stops, visits),
      avgDwellS: ratio(Number(t?.dwellTotalS ?? 0), visits),
      dwellMaxS: Number(t?.dwellMaxS ?? 0),
      peakOccupancy: Number(t?.peakOccupancy ?? 0),
      reached,
      exposure: reachBasis === null ? null : Math.min(1, reachBasis / input.entries),
      exposureBasis: reachBasis === null ? null : reached === null ? 'visits' : 'first-visits',
      conversion: input.conversion?.[zoneId] ?? null,
      visitsPerM2: areaM2 ? visits / areaM2 : null,
      temperature: null,
      coverage: coverage.get(zoneId) ?? null,
    };
  });
  const comparable = (r: ZoneKpi) =>
    r.kind !== null &&
    SHOPPER_KINDS.has(r.kind) &&
    r.visitsPerM2 !== null &&
    (input.coverage === undefined || (r.coverage?.seen ?? 0) >= MIN_SEEN_TO_COMPARE);
  const temps = classifyTemperature(rows.filter(comparable), input.hotRatio ?? 1.5, input.coldRatio ?? 0.5);
  return rows.map((r) => ({ ...r, temperature: temps.get(r.zoneId) ?? null }));
}

/**
 * Hot: traffic per m² at least `hotRatio` × the median of the compared zones; cold: at most
 * `coldRatio` × it. Relative to the store itself, so a quiet day does not make every zone cold.
 * With no traffic at all nothing is hot and nothing is cold.
 */
export function classifyTemperature(
  zones: readonly Pick<ZoneKpi, 'zoneId' | 'visitsPerM2'>[],
  hotRatio: number,
  coldRatio: number,
): Map<string, Temperature> {
  const densities = zones.map((z) => z.visitsPerM2 ?? 0);
  const m = median(densities);
  return new Map(
    zones.map((z) => {
      const d = z.visitsPerM2 ?? 0;
      const t: Temperature =
        m <= 0 ? 'normal' : d >= hotRatio * m ? 'hot' : d <= coldRatio * m ? 'cold' : 'normal';
      return [z.zoneId, t];
    }),
  );
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
