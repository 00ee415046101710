import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Detector } from '../frame.js';
import { OverheadDetector } from '../overhead/overhead-detector.js';
import { texturedFloor, withNoise, withPerson } from '../overhead/synthetic-scene.js';
import { BackgroundKeeper, isLearnedScene } from './background-keeper.js';
import { loadBackgrounds } from './background-store.js';

const W = 80;
const H = 60;
const floor = texturedFloor(W, H, 4);
const frame = (i: number) =>
  withNoise(withPerson(floor, { x: (i * 3) % 70, y: 20, w: 10, h: 14 }, [200, 40, 40]), 2, i);
const rule = { everyMs: 1000, minFrames: 15, minMeanLevel: 16 };
const T0 = Date.UTC(2026, 10, 24, 7, 59, 57);

describe('BackgroundKeeper', () => {
  let dir: string;
  let warnings: string[];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'background-keeper-'));
    warnings = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const keeper = (o: { dir: string; keep?: number }) =>
    new BackgroundKeeper({
      dir: o.dir,
      rule,
      keep: o.keep ?? 12,
      logger: pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) }),
    });

  /** Frames 0…count−1, 100 ms apart from T0, through the attached detector and the keeper. */
  async function feed(k: BackgroundKeeper, detector: Detector, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await detector.detect(frame(i));
      k.frame(T0 + i * 100);
    }
  }

  it('keeps the trusted scene every interval of frame time, one picture per hour, and once more on close', async () => {
    const camera = path.join(dir, 'cam');
    const k = keeper({ dir: camera });
    const inner = new OverheadDetector({ now: () => 0 });
    const detector = k.attach(inner);
    // Due at frame 10 (only 11 frames learned: not kept), 20 (07:59:59) and 30 (08:00:00).
    await feed(k, detector, 36);
    const last = inner.background()!;
    await detector.close();
    expect(inner.background()).toBeUndefined(); // the detector was closed after keeping
    expect((await readdir(camera)).sort()).toEqual([
      'background-2026-11-24T07Z.png',
      'background-2026-11-24T08Z.png',
    ]);
    const [newest] = await loadBackgrounds({
      dir: camera,
      size: { width: W, height: H },
      keep: 1,
      logger: pino({ level: 'silent' }),
    });
    expect(newest!.data).toEqual(last.data); // 08Z is the one kept on close
    expect(warnings).toEqual([]);
  });

  it('keeps nothing learned from fewer frames than the rule asks', async () => {
    const camera = path.join(dir, 'cam');
    const k = keeper({ dir: camera });
    const detector = k.attach(new OverheadDetector({ now: () => 0 }));
    await feed(k, detector, 14);
    await detector.close();
    await expect(readdir(camera)).rejects.toThrow(/ENOENT/);
  });

  it('logs a failed write and carries on', async () => {
    const blocked = path.join(dir, 'file');
    await writeFile(blocked, 'a file where the folder should be');
    const k = keeper({ dir: blocked });
    const detector = k.attach(new OverheadDetector({ now: () => 0 }));
    await feed(k, detector, 16);
    await expect(detector.close()).resolves.toBeUndefined();
    expect(warnings).toEqual(['background could not be kept']);
  });

  it('leaves a detector that cannot tell its scene as it is', () => {
    const plain: Detector = {
      name: 'plain',
      detect: async () => ({ detections: [], timings: DEFAULT_TIMINGS }),
      close: async () => {},
    };
    expect(isLearnedScene(new OverheadDetector())).toBe(true);
    expect(isLearnedScene(plain)).toBe(false);
    expect(keeper({ dir }).attach(plain)).toBe(plain);
    expect(warnings).toEqual(['detector does not expose its background; not kept']);
  });
});

const DEFAULT_TIMINGS = { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 };
