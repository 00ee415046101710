// What one gateway would publish if its cameras were perfect: the gateway's own aggregator fed with the
// true floor positions of everyone inside a camera view of it (staff included: cameras cannot tell them
// apart), one track per continuous stretch in view. Comparing the hub's figures with these isolates
// detection, tracking and fusion error from what the cameras simply cannot see. Pure.
import { type GatewaySettings, imagePoint, type StoreLayout } from '@retail/contracts';
import { WindowAggregator } from '../core/aggregation/index.js';
import { windowAt } from '../core/window-clock.js';
import { streamOf } from '../simulator/random-streams.js';
import type { CameraView } from './camera-model.js';
import type { Population } from './population.js';

export interface VisibleTruthOptions {
  layout: StoreLayout;
  settings: GatewaySettings;
  /** The gateway's cameras. */
  views: readonly CameraView[];
  population: Population;
  fromTs: number;
  toTs: number;
  /** Sampling rate, per sim second (the cameras' fps). */
  fps: number;
  /** Out of view longer than this, a person comes back as a new track (the tracker's maxLostMs). */
  maxGapMs?: number;
  seed?: number;
}

export interface VisibleTruth {
  /** Entrance crossings counted, summed over the windows. */
  entrances: { entranceId: string; in: number; out: number }[];
  /**
   * Zone visits and first visits (the shoppers reached, as far as tracks that end out of view tell)
   * as released (zones under k held for later windows of the hour), summed over the windows.
   */
  zones: { zoneId: string; visits: number; firstVisits: number }[];
  /** Σ over windows of the shoppers in released heatmap cells. */
  heatmapShopperWindows: number;
  /** Dwell in released heatmap cells, seconds. */
  heatmapDwellSeconds: number;
  windows: number;
}

export function visibleTruth(o: VisibleTruthOptions): VisibleTruth {
  const random = streamOf(o.seed ?? 0, 'visible-truth');
  const aggregator = new WindowAggregator({ layout: o.layout, settings: o.settings, random });
  const maxGapMs = o.maxGapMs ?? 1500;
  const stepMs = 1000 / o.fps;
  const windowMs = o.settings.windowSeconds * 1000;
  const tracks = new Map<number, { id: string; lastTs: number }>();
  let segments = 0;
  const entrances = new Map<string, { in: number; out: number }>();
  const zones = new Map<string, { visits: number; firstVisits: number }>();
  let heatmapShopperWindows = 0;
  let heatmapDwellSeconds = 0;
  let windows = 0;
  const close = (start: number, end: number, final: boolean) => {
    const out = aggregator.closeWindow(start, end, { final });
    windows++;
    for (const e of out.counts.entrances) {
      const t = entrances.get(e.entranceId) ?? { in: 0, out: 0 };
      t.in += e.in;
      t.out += e.out;
      entrances.set(e.entranceId, t);
    }
    for (const z of out.zones.zones) {
      const t = zones.get(z.zoneId) ?? { visits: 0, firstVisits: 0 };
      t.visits += z.visits;
      t.firstVisits += z.firstVisits ?? 0;
      zones.set(z.zoneId, t);
    }
    for (const c of out.heatmap.cells) {
      heatmapShopperWindows += c.shoppers;
      heatmapDwellSeconds += c.dwellSeconds;
    }
  };

  let window = windowAt(o.fromTs, o.settings.windowSeconds);
  for (let k = 0; ; k++) {
    const ts = o.fromTs + Math.round(k * stepMs);
    if (ts > o.toTs) break;
    while (ts >= window.end) {
      close(window.start, window.end, false);
      window = { start: window.end, end: window.end + windowMs };
    }
    for (const [person, t] of tracks) {
      if (ts - t.lastTs > maxGapMs) {
        aggregator.endTrack(t.id, t.lastTs);
        tracks.delete(person);
      }
    }
    for (const p of o.population.at(ts)) {
      if (!o.views.some((v) => imagePoint(v, [p.x, p.y]))) continue;
      let t = tracks.get(p.person);
      if (!t) {
        t = { id: `v${++segments}`, lastTs: ts };
        tracks.set(p.person, t);
      }
      t.lastTs = ts;
      aggregator.observe({ trackId: t.id, ts, x: p.x, y: p.y });
    }
  }
  for (const t of tracks.values()) aggregator.endTrack(t.id, t.lastTs);
  close(window.start, Math.max(window.start + 1, Math.min(window.end, o.toTs)), true);
  return {
    entrances: [...entrances].map(([entranceId, c]) => ({ entranceId, ...c })),
    zones: [...zones].map(([zoneId, t]) => ({ zoneId, ...t })),
    heatmapShopperWindows,
    heatmapDwellSeconds: Math.round(heatmapDwellSeconds),
    windows,
  };
}
