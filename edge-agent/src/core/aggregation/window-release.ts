// Turns one window's true tallies into the published message bodies: k-anonymity, optional
// noise, the contract's array limits. Everything here is what may leave the gateway; what stayed
// under k is handed back too, for the caller's k-hold (k-hold.ts).
import type {
  CountsMessage,
  GatewaySettings,
  HeatmapMessage,
  PathsMessage,
  ShopperPath,
  ZonesMessage,
} from '@retail/contracts';
import type { BaseCell } from './heatmap-grid.js';
import { mergeToK } from './k-anonymity.js';
import { countRelease } from './laplace-noise.js';
import type { EntranceCount } from './line-crossing.js';
import type { IgnoredCounts, TimeWindow } from './track-observation.js';
import { releaseZones, type ZoneTally } from './zone-stats.js';
import { releaseTransitions, type TransitionTally } from './zone-transitions.js';

type EnvelopeKey = 'v' | 'msgId' | 'storeId' | 'gatewayId';
export type HeatmapBody = Omit<HeatmapMessage, EnvelopeKey>;
export type ZonesBody = Omit<ZonesMessage, EnvelopeKey>;
export type CountsBody = Omit<CountsMessage, EnvelopeKey>;
export type PathsBody = Omit<PathsMessage, EnvelopeKey>;

export interface WindowBodies {
  heatmap: HeatmapBody;
  zones: ZonesBody;
  counts: CountsBody;
  paths: PathsBody;
}

/** What stayed under k in the window: never published as such. */
export interface Withheld {
  cells: BaseCell[];
  zones: ZoneTally[];
  transitions: TransitionTally[];
}

/** The contract's array limits; what exceeds them is cut and counted (cut heatmap cells as suppressed). */
const LIMITS = { cells: 20_000, zones: 2000, transitions: 20_000, entrances: 200, paths: 2000 };

export interface WindowTallies {
  window: TimeWindow;
  layoutVersion: number;
  cells: readonly BaseCell[];
  zones: readonly ZoneTally[];
  transitions: readonly TransitionTally[];
  entrances: EntranceCount[];
  paths: ShopperPath[];
}

export interface ReleaseOptions {
  settings: GatewaySettings;
  random: () => number;
  maxMergeScale?: number | undefined;
  /** Incremented by what the limits cut. */
  ignored: IgnoredCounts;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Noise is drawn in a fixed order (cells, zones, transitions), so a seeded `random` gives a fixed output. */
export function releaseWindow(
  tallies: WindowTallies,
  options: ReleaseOptions,
): { bodies: WindowBodies; withheld: Withheld } {
  const { settings, ignored } = options;
  const { kAnonymity: k, epsilon } = settings;
  const release = countRelease({ epsilon, random: options.random });
  const { window } = tallies;
  const head = { windowStart: window.start, windowEnd: window.end, layoutVersion: tallies.layoutVersion };
  const dp = epsilon === undefined ? {} : { epsilon };

  const merged = mergeToK(tallies.cells, { k, maxScale: options.maxMergeScale });
  let suppressedCells = merged.suppressed.length;
  for (const cut of merged.cells.slice(LIMITS.cells)) suppressedCells += cut.members.length;
  const heatmap: HeatmapBody = {
    ...head,
    cellSize: settings.heatmapCellSize,
    k,
    ...dp,
    cells: merged.cells.slice(0, LIMITS.cells).map((c) => ({
      col: c.col,
      row: c.row,
      scale: c.scale,
      shoppers: release(c.shoppers),
      dwellSeconds: round3(c.dwellMs / 1000),
    })),
    suppressedCells,
  };

  const zoneRelease = releaseZones(tallies.zones, { k, release });
  const transitions = releaseTransitions(tallies.transitions, { k, release });
  const zones: ZonesBody = {
    ...head,
    k,
    ...dp,
    stopThresholdS: settings.stopThresholdS,
    zones: cap(zoneRelease.zones, LIMITS.zones, ignored),
    transitions: cap(transitions.transitions, LIMITS.transitions, ignored),
    suppressedZones: zoneRelease.suppressedZones,
  };

  const counts: CountsBody = { ...head, entrances: cap(tallies.entrances, LIMITS.entrances, ignored) };
  const paths: PathsBody = { ...head, paths: cap(tallies.paths, LIMITS.paths, ignored) };
  return {
    bodies: { heatmap, zones, counts, paths },
    withheld: { cells: merged.suppressed, zones: zoneRelease.withheld, transitions: transitions.withheld },
  };
}

function cap<T>(items: T[], max: number, ignored: IgnoredCounts): T[] {
  if (items.length <= max) return items;
  ignored.truncated += items.length - max;
  return items.slice(0, max);
}
