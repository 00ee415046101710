import { gatewaySettingsSchema, type StoreLayout } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../simulator/simulator-test-kit.js';
import type { ShopperTruth } from '../simulator/truth.js';
import { cameraView } from './camera-model.js';
import { Population } from './population.js';
import { visibleTruth } from './visible-truth.js';

const START = 1_800_000_000_000; // a whole minute
let layout: StoreLayout;

beforeAll(async () => {
  layout = (await loadDemo()).layout;
});

/** In through a door at x (0.3 m outside its line at y 24.5), 3 m into the store and back out. */
function visitor(x: number, startTs: number): ShopperTruth {
  const ys = [24.8, 24.3, 23.8, 23.3, 22.8, 22.3, 21.8, 21.8, 21.8, 22.3, 22.8, 23.3, 23.8, 24.3, 24.8];
  return {
    speedMps: 1,
    trajectory: { startTs, intervalMs: 500, xy: Float64Array.from(ys.flatMap((y) => [x, y])) },
  } as ShopperTruth;
}

describe('visibleTruth', () => {
  it('counts what the gateway’s cameras see exactly, and nothing they do not', () => {
    const shoppers = [
      ...Array.from({ length: 6 }, (_, i) => visitor(3.5, START + i * 4000)), // main entrance, in view
      visitor(37, START), // side entrance: no camera
    ];
    const population = new Population({ shoppers, staff: [] }, { entrances: layout.entrances });
    const settings = gatewaySettingsSchema.parse({});
    const front = visibleTruth({
      layout,
      settings,
      views: layout.cameras.filter((c) => c.gatewayId === 'gw-front').map(cameraView),
      population,
      fromTs: START,
      toTs: START + 120_000,
      fps: 5,
    });
    expect(front.entrances.find((e) => e.entranceId === 'main-entrance')).toEqual({
      entranceId: 'main-entrance',
      in: 6,
      out: 6,
    });
    expect(front.entrances.find((e) => e.entranceId === 'side-entrance')).toMatchObject({ in: 0, out: 0 });
    expect(front.windows).toBe(3);
    expect(front.heatmapShopperWindows).toBeGreaterThanOrEqual(6);
    // Six shoppers, each in the lobby once (3 m in and back out): six visits, six reached.
    expect(front.zones.find((z) => z.zoneId === 'entrance-lobby')).toMatchObject({
      visits: 6,
      firstVisits: 6,
    });
    const back = visibleTruth({
      layout,
      settings,
      views: layout.cameras.filter((c) => c.gatewayId === 'gw-back').map(cameraView),
      population,
      fromTs: START,
      toTs: START + 120_000,
      fps: 5,
    });
    expect(back.entrances.every((e) => e.in === 0 && e.out === 0)).toBe(true);
    expect(back.heatmapShopperWindows).toBe(0);
  });
});
