import type { Camera } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../simulator/simulator-test-kit.js';
import type { ShopperTruth } from '../simulator/truth.js';
import { FakeClock } from '../vision/sources/source-test-kit.js';
import { cameraView } from './camera-model.js';
import { Population } from './population.js';
import { SimClock } from './sim-clock.js';
import { SimulatedCameraSource } from './simulated-camera-source.js';

const START = 1_800_000_000_000;
let camera: Camera;

beforeAll(async () => {
  camera = (await loadDemo()).layout.cameras.find((c) => c.id === 'cam-pantry')!;
});

/** One shopper standing still under the camera for the first minute. */
function standing(): Population {
  const [x, y] = camera.calibration[4]!.floor;
  const xy = Float64Array.from(Array.from({ length: 121 }, () => [x, y]).flat());
  return new Population({
    shoppers: [{ speedMps: 1, trajectory: { startTs: START, intervalMs: 500, xy } } as ShopperTruth],
    staff: [],
  });
}

function setup(
  o: {
    speed?: number;
    endTs?: number;
    fromTs?: number;
    maxLagMs?: number;
    progress?: (ts?: number) => void;
  } = {},
) {
  const real = new FakeClock(0);
  const speed = o.speed ?? 60;
  const sim = new SimClock({ startMs: o.fromTs ?? START, speed, realNow: real.now });
  sim.start();
  const source = new SimulatedCameraSource({
    view: cameraView(camera),
    population: standing(),
    now: sim.now,
    speed,
    startTs: START,
    endTs: o.endTs ?? START + 60_000,
    fps: 5,
    seed: 1,
    sleep: real.sleep,
    ...(o.fromTs !== undefined && { fromTs: o.fromTs }),
    ...(o.maxLagMs !== undefined && { maxLagMs: o.maxLagMs }),
    ...(o.progress && { progress: o.progress }),
  });
  return { real, sim, source };
}

describe('SimulatedCameraSource', () => {
  it('delivers detection frames on the sim grid, one every 1000 / (fps · speed) real ms', async () => {
    const { real, source } = setup({ speed: 60 });
    await source.start();
    const first = await source.next();
    expect(first).toMatchObject({ kind: 'detections', seq: 0, ts: START });
    const second = source.next();
    await Promise.resolve();
    expect(real.pending).toEqual([200 / 60]);
    real.advance(200 / 60);
    expect(await second).toMatchObject({ seq: 1, ts: START + 200 });
    if (first?.kind !== 'detections') throw new Error('not a detections frame');
    expect(first.detections.filter((d) => d.score >= 0.45).length).toBeLessThanOrEqual(1);
    expect(source.stats()).toMatchObject({ delivered: 2, dropped: 0, state: 'running' });
    expect(source.description).toContain('cam-pantry');
  });

  it('catches up in order when a little behind, and skips to the newest frame when far behind', async () => {
    const { real, source } = setup({ speed: 60, maxLagMs: 1000 });
    await source.next();
    real.advance(800 / 60); // 800 sim ms: frames 1–4 are due
    const seqs = [];
    for (let i = 0; i < 4; i++) seqs.push((await source.next())?.seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
    real.advance(10_000 / 60); // 10 s behind
    expect((await source.next())?.seq).toBe(54);
    expect(source.stats()).toMatchObject({ delivered: 6, dropped: 49, received: 55 });
  });

  it('ends with the simulated day, telling its progress on the way', async () => {
    const told: (number | undefined)[] = [];
    const { real, source } = setup({ speed: 1000, endTs: START + 400, progress: (ts) => told.push(ts) });
    const seqs: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const next = source.next();
      await Promise.resolve();
      real.advance(1);
      seqs.push((await next)?.seq);
    }
    expect(seqs).toEqual([0, 1, 2, undefined]);
    expect(source.stats().state).toBe('ended');
    expect(told).toEqual([START, START + 200, START + 400, undefined]);
  });

  it('picks a resumed day up at the first frame of the grid at or after its resume point, as filmed the first time', async () => {
    // Far enough behind a fast clock that every frame is due: the whole day's frames, in order.
    const whole = setup({ speed: 1000, maxLagMs: 1e9 });
    whole.real.advance(10);
    const seen = new Map<number, unknown>();
    for (let i = 0; i <= 30; i++) {
      const f = await whole.source.next();
      if (f?.kind === 'detections') seen.set(f.seq, f.detections);
    }
    expect(seen.size).toBe(31);
    const resumed = setup({ speed: 1000, fromTs: START + 5_050, maxLagMs: 1e9 });
    resumed.real.advance(1);
    const first = await resumed.source.next();
    expect(first).toMatchObject({ seq: 26, ts: START + 5_200 });
    if (first?.kind !== 'detections') throw new Error('not a detections frame');
    expect(first.detections).toEqual(seen.get(26));
    expect(resumed.source.stats()).toMatchObject({ delivered: 1, dropped: 0 });
  });

  it('stops a waiting consumer with null, and rejects on its abort signal', async () => {
    const { source } = setup();
    await source.next();
    const aborted = new AbortController();
    const waiting = source.next(aborted.signal);
    aborted.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    const pending = source.next();
    await source.stop();
    expect(await pending).toBeNull();
    expect(source.stats().state).toBe('ended');
  });
});
