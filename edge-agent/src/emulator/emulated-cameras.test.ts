// The simulated cameras through the gateway's real camera path (VisionService: tracker, foot point,
// homography, fusion) into the real window aggregator, on a fake clock: what `edge-agent emulate`
// runs, without the broker.
import { gatewaySettingsSchema, type StoreLayout, seededRandom } from '@retail/contracts';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { WindowAggregator } from '../core/aggregation/index.js';
import { loadDemo } from '../simulator/simulator-test-kit.js';
import type { ShopperTruth } from '../simulator/truth.js';
import { FakeClock } from '../vision/sources/source-test-kit.js';
import { visionConfigSchema } from '../vision/vision-config.js';
import { VisionService } from '../vision/vision-service.js';
import { cameraView, DEFAULT_DETECTION_MODEL } from './camera-model.js';
import { Population } from './population.js';
import { SimClock } from './sim-clock.js';
import { SimulatedCameraSource } from './simulated-camera-source.js';

const START = 1_800_000_000_000;
const SPEED = 100;
let layout: StoreLayout;

beforeAll(async () => {
  layout = (await loadDemo()).layout;
});

/** In through the main entrance (0.3 m outside its line), 3 m in, a pause, and back out. */
function visitor(startTs: number): ShopperTruth {
  const ys = [24.8, 24.3, 23.8, 23.3, 22.8, 22.3, 21.8, 21.8, 21.8, 22.3, 22.8, 23.3, 23.8, 24.3, 24.8];
  return {
    speedMps: 1,
    trajectory: { startTs, intervalMs: 500, xy: Float64Array.from(ys.flatMap((y) => [3.5, y])) },
  } as ShopperTruth;
}

/**
 * In briskly (1.5 m/s) from 0.25 m outside the main entrance's line, then 4 s standing 3 m in; the
 * trajectory ends there (the shopper walks on out of sight). Filmed with a short approach (seen from
 * 0.5 m outside, as through a door frame), the camera has the shopper outside for two frames at 5 fps,
 * fewer than the three hits its tracker wants before trusting a track.
 */
function briskVisitor(startTs: number): ShopperTruth {
  const ys = [24.75, 24.0, 23.25, 22.5, 21.75, ...Array.from({ length: 8 }, () => 21.75)];
  return {
    speedMps: 1.5,
    trajectory: { startTs, intervalMs: 500, xy: Float64Array.from(ys.flatMap((y) => [3.5, y])) },
  } as ShopperTruth;
}

/**
 * Four visitors through the main entrance (in and out, by default), filmed by the simulated cameras,
 * through the gateway's camera path into a window aggregator. `calibrated` is the layout the gateway
 * believes (its cameras' calibration); the scene is always filmed as the demo layout says.
 */
async function filmEntranceVisits(
  calibrated: StoreLayout,
  walk: (startTs: number) => ShopperTruth = visitor,
) {
  const shoppers = Array.from({ length: 4 }, (_, i) => walk(START + 2000 + i * 10_000));
  const population = new Population(
    { shoppers, staff: [] },
    { entrances: layout.entrances, approachM: walk === visitor ? 2 : 0.25 },
  );
  const real = new FakeClock(0);
  const clock = new SimClock({ startMs: START, speed: SPEED, realNow: real.now });
  const endTs = START + 60_000;
  const aggregator = new WindowAggregator({
    layout,
    settings: gatewaySettingsSchema.parse({}),
    random: seededRandom(1),
  });
  const sources: SimulatedCameraSource[] = [];
  const vision = new VisionService({
    layout: calibrated,
    gatewayId: 'gw-front',
    config: visionConfigSchema.parse({}),
    baseDir: '.',
    observe: (o) => aggregator.observe(o),
    endTrack: (id, ts) => aggregator.endTrack(id, ts),
    now: clock.now,
    logger: pino({ level: 'silent' }),
    detectors: {}, // any attempt to build one fails the camera's start
    sourceFor: (camera) => {
      const source = new SimulatedCameraSource({
        view: cameraView(layout.cameras.find((c) => c.id === camera.id)!),
        population,
        now: clock.now,
        speed: SPEED,
        startTs: START,
        endTs,
        seed: 1,
        model: { ...DEFAULT_DETECTION_MODEL, missRate: 0, falsePositivesPerFrame: 0 },
        sleep: real.sleep,
      });
      sources.push(source);
      return source;
    },
  });
  await vision.start();
  clock.start();
  expect(vision.cameraIds).toEqual(['cam-entrance', 'cam-checkout']);
  let done = false;
  const finished = vision.finished().then(() => {
    done = true;
  });
  while (!done) {
    real.advance(1);
    await new Promise((r) => setImmediate(r));
  }
  await finished;
  const cameras = vision.cameraMetrics(endTs);
  await vision.stop();
  const out = aggregator.closeWindow(START, START + 60_000, { final: true });
  return { sources, cameras, out };
}

describe('simulated cameras in the gateway’s camera path', () => {
  it('count shoppers through the entrance they film, without ever loading a detector', async () => {
    const { sources, cameras, out } = await filmEntranceVisits(layout);
    expect(out.counts.entrances.find((e) => e.entranceId === 'main-entrance')).toMatchObject({
      in: 4,
      out: 4,
    });
    expect(sources.map((s) => s.stats().dropped)).toEqual([0, 0]);
    expect(sources.every((s) => s.stats().delivered === 301)).toBe(true);
    // Calibrated as filmed: every position the entrance camera placed is on the floor plan.
    const entrance = cameras.find((c) => c.cameraId === 'cam-entrance')!;
    expect(entrance.floor!.positions).toBeGreaterThan(0);
    expect(entrance.floor!.offFloor).toBe(0);
    expect(out.ignored.offFloor).toBe(0);
  });

  it('count a shopper whom the tracker could trust only once inside: where it first saw them counts', async () => {
    const { out } = await filmEntranceVisits(layout, briskVisitor);
    expect(out.counts.entrances.find((e) => e.entranceId === 'main-entrance')).toMatchObject({
      in: 4,
      out: 0,
    });
  });

  it('names the camera whose calibration slipped: its positions fall off the floor plan', async () => {
    // The gateway's calibration of the entrance camera says the floor is a floor's width to the east.
    const slipped: StoreLayout = {
      ...layout,
      cameras: layout.cameras.map((c) =>
        c.id !== 'cam-entrance'
          ? c
          : {
              ...c,
              calibration: c.calibration.map((p) => ({
                ...p,
                floor: [p.floor[0] + layout.floor.width, p.floor[1]] as [number, number],
              })),
            },
      ),
    };
    const { cameras, out } = await filmEntranceVisits(slipped);
    const entrance = cameras.find((c) => c.cameraId === 'cam-entrance')!;
    expect(entrance.floor!.positions).toBeGreaterThan(0);
    expect(entrance.floor!.offFloor).toBe(entrance.floor!.positions);
    expect(cameras.find((c) => c.cameraId === 'cam-checkout')!.floor!.offFloor).toBe(0);
    expect(out.ignored.offFloor).toBeGreaterThan(0);
    expect(out.counts.entrances.find((e) => e.entranceId === 'main-entrance')).toMatchObject({
      in: 0,
      out: 0,
    });
  });
});
