// The store figures behind both the JSON routes and the exports: heatmap cells, zone KPIs and
// entrance counts for a range, read from storage and shaped by the pure modules in kpis/.
import {
  type EntranceCoverage,
  entranceCoverage,
  type StoreLayout,
  type ZoneCoverage,
  zoneCoverage,
} from '@retail/contracts';
import type { AppDeps } from './app-deps.js';
import { type HeatCell, heatCells } from './kpis/heatmap-grid.js';
import { type ZoneKpi, zoneKpis } from './kpis/zone-kpis.js';
import { type CountsPoint, entranceSeries } from './reads/store-reads.js';

export interface Range {
  from: number;
  to: number;
}

export interface HeatmapFigures {
  cells: HeatCell[];
  /** Largest shopper-windows per m² of any cell, for a colour scale. */
  maxDensity: number;
}

export async function heatmapFigures(
  d: AppDeps,
  storeId: string,
  q: Range & { period: 'window' | 'hour' | 'day'; resolution?: number | undefined },
): Promise<HeatmapFigures> {
  const raw =
    q.period === 'window'
      ? await d.repo.queries.heatmapWindows(storeId, q.from, q.to)
      : await d.repo.queries.heatmap(storeId, q.period, q.from, q.to);
  const cells = heatCells(raw, q.resolution);
  const maxDensity = Math.max(0, ...cells.map((c) => c.shopperWindows / (c.size * c.size)));
  return { cells, maxDensity };
}

export interface ZoneFigures {
  entries: number;
  conversionAvailable: boolean;
  zones: ZoneKpi[];
}

export async function zoneFigures(
  d: AppDeps,
  storeId: string,
  q: Range & { period: 'hour' | 'day' },
  layout: StoreLayout | undefined,
): Promise<ZoneFigures> {
  const [totals, entrances] = await Promise.all([
    d.repo.queries.zones(storeId, q.period, q.from, q.to),
    d.repo.queries.entrances(storeId, q.period, q.from, q.to),
  ]);
  const entries = entrances.reduce((a, e) => a + Number(e.in), 0);
  let conversion: Record<string, number> | undefined;
  if (d.analytics?.zoneConversion) {
    try {
      conversion = await d.analytics.zoneConversion(storeId, { from: q.from, to: q.to });
    } catch (err) {
      // The table is still worth showing without its conversion column.
      d.logger.warn({ err: (err as Error).message, storeId }, 'zone conversion failed');
    }
  }
  return {
    entries,
    conversionAvailable: conversion !== undefined,
    zones: zoneKpis({
      layout,
      totals,
      entries,
      ...(conversion && { conversion }),
      ...(layout && { coverage: zoneCoverageOf(d, layout) }),
    }),
  };
}

/**
 * Zone coverage per database and stored layout version (a version is never rewritten): sampling a
 * store's floor takes 10–20 ms, and the overview asks for the zones on every refresh of every open page.
 */
const coverageMemos = new WeakMap<object, Map<string, ZoneCoverage[]>>();
const COVERAGE_MEMO_MAX = 256;

function zoneCoverageOf(d: AppDeps, layout: StoreLayout): ZoneCoverage[] {
  let memo = coverageMemos.get(d.repo);
  if (!memo) {
    memo = new Map();
    coverageMemos.set(d.repo, memo);
  }
  const key = `${layout.storeId}@${layout.layoutVersion}`;
  let coverage = memo.get(key);
  if (!coverage) {
    if (memo.size >= COVERAGE_MEMO_MAX) memo.clear();
    coverage = zoneCoverage(layout);
    memo.set(key, coverage);
  }
  return coverage;
}

export interface EntranceFigures {
  totals: { entranceId: string; name: string; in: number; out: number }[];
  series: CountsPoint[];
  /**
   * Every entrance of the layout in force, and how much of its counting line the cameras watch
   * (contracts' entrance-coverage.ts): an entrance no camera sees counts nobody, however busy.
   */
  coverage: (EntranceCoverage & { name: string })[];
}

export async function entranceFigures(
  d: AppDeps,
  storeId: string,
  q: Range & { bucket: 'hour' | 'day' },
  layout: StoreLayout | undefined,
): Promise<EntranceFigures> {
  const [totals, series] = await Promise.all([
    d.repo.queries.entrances(storeId, q.bucket, q.from, q.to),
    entranceSeries(d.repo.db, storeId, q.bucket, q.from, q.to),
  ]);
  const names = new Map((layout?.entrances ?? []).map((e) => [e.id, e.name]));
  const name = (id: string) => names.get(id) ?? id;
  return {
    totals: totals.map((t) => ({
      entranceId: t.entranceId,
      name: name(t.entranceId),
      in: Number(t.in),
      out: Number(t.out),
    })),
    series,
    coverage: layout ? entranceCoverage(layout).map((c) => ({ ...c, name: name(c.entranceId) })) : [],
  };
}
