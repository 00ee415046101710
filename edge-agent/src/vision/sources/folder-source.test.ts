import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFrame } from '../frame.js';
import { FolderSource, folderFrameOrder } from './folder-source.js';
import { readFrames } from './frame-source.js';
import { bytesOf, FakeClock } from './source-test-kit.js';

let dir: string;

/** A tiny image whose red channel tells which file it came from. */
async function image(name: string, red: number, folder = dir): Promise<void> {
  const img = sharp({ create: { width: 8, height: 6, channels: 3, background: { r: red, g: 0, b: 0 } } });
  await (name.endsWith('.png') ? img.png() : img.jpeg()).toFile(path.join(folder, name));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'folder-source-'));
  await image('Walk1_000010.jpg', 100);
  await image('Walk1_000002.png', 20);
  await image('Walk1_000001.jpg', 10);
  await image('Walk1_000003.jpeg', 30);
  await writeFile(path.join(dir, 'notes.txt'), 'not a frame');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const collect = async (source: FolderSource): Promise<SourceFrame[]> => {
  const frames: SourceFrame[] = [];
  for await (const f of readFrames(source)) frames.push(f);
  return frames;
};

describe('folderFrameOrder', () => {
  it('orders by frame number, else falls back to natural order numbered from 1', () => {
    expect(folderFrameOrder(['c_3.jpg', 'c_12.png', 'c_1.jpg', 'x.txt']).frames.map((f) => f.frame)).toEqual([
      1, 3, 12,
    ]);
    const fallback = folderFrameOrder(['b.jpg', 'a10.jpg', 'a2.jpg']);
    expect(fallback.frames).toEqual([
      { name: 'a2.jpg', frame: 1 },
      { name: 'a10.jpg', frame: 2 },
      { name: 'b.jpg', frame: 3 },
    ]);
    expect(fallback.fallback).toMatch(/^b\.jpg: expected a frame number/);
  });
});

describe('FolderSource', () => {
  it('with fps 0 delivers every image in frame-number order, seq = frame number, ts from it', async () => {
    const source = new FolderSource({ path: dir, fps: 0, tsOrigin: 0, now: () => 123 });
    await source.start();
    const frames = await collect(source);
    expect(frames.map((f) => [f.seq, f.ts])).toEqual([
      [1, 0],
      [2, 40],
      [3, 80],
      [10, 360],
    ]);
    expect(frames[3]).toMatchObject({
      kind: 'encoded',
      data: new Uint8Array(await readFile(path.join(dir, 'Walk1_000010.jpg'))),
    });
    const { data, info } = await sharp(bytesOf(frames[1])!).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, data[0]]).toEqual([8, 6, 20]);
    expect(source.stats()).toEqual({ received: 4, delivered: 4, dropped: 0, restarts: 0, state: 'ended' });
  });

  it('loops with seq and ts still rising', async () => {
    const source = new FolderSource({ path: dir, fps: 0, loop: true, frameRate: 10, now: () => 1000 });
    await source.start();
    const seqs: number[] = [];
    const ts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const f = (await source.next())!;
      seqs.push(f.seq);
      ts.push(f.ts);
    }
    await source.stop();
    expect(seqs).toEqual([1, 2, 3, 10, 11, 12]);
    expect(ts).toEqual([1000, 1100, 1200, 1900, 2000, 2100]);
    expect(await source.next()).toBeNull();
    expect(source.stats().state).toBe('ended');
  });

  it('paces frames on the clock and drops what a slow consumer misses', async () => {
    const clock = new FakeClock(1000);
    const source = new FolderSource({ path: dir, fps: 10, now: clock.now, sleep: clock.sleep });
    await source.start();
    expect(await source.next()).toMatchObject({ seq: 1, ts: 1000 });
    // Frame 2 is due one frame interval (100 ms) after the start.
    expect(
      await waitFor(
        () => clock.pending[0],
        (at) => at !== undefined,
      ),
    ).toBe(1100);
    const second = source.next();
    clock.advance(100);
    expect(await second).toMatchObject({ seq: 2, ts: 1100 });
    // The consumer is busy while frames 3 and 10 come due (frame 10 at 1000 + 9 × 100 ms).
    expect(
      await waitFor(
        () => clock.pending[0],
        (at) => at !== undefined,
      ),
    ).toBe(1200);
    clock.advance(100);
    await waitFor(
      () => clock.pending[0],
      (at) => at === 1900,
    );
    clock.advance(700);
    await waitFor(
      () => source.stats().state,
      (s) => s === 'ended',
    );
    expect(await source.next()).toMatchObject({ seq: 10, ts: 1900 });
    expect(await source.next()).toBeNull();
    expect(source.stats()).toEqual({ received: 4, delivered: 3, dropped: 1, restarts: 0, state: 'ended' });
  });

  it('stop() ends a paced replay while it waits for the next frame', async () => {
    const clock = new FakeClock();
    const source = new FolderSource({ path: dir, fps: 1, loop: true, now: clock.now, sleep: clock.sleep });
    await source.start();
    await waitFor(
      () => clock.pending.length,
      (n) => n === 1,
    );
    const waiting = source.next();
    expect(await waiting).toMatchObject({ seq: 1 });
    const blocked = source.next();
    await source.stop();
    expect(await blocked).toBeNull();
    expect(source.stats().state).toBe('ended');
  });

  it('rejects start() for a missing or imageless folder, and is dead', async () => {
    const missing = new FolderSource({ path: path.join(dir, 'nope'), now: () => 0 });
    await expect(missing.start()).rejects.toThrow(/cannot read .*nope/);
    expect(missing.stats().state).toBe('dead');
    expect(await missing.next()).toBeNull();
    const empty = await mkdtemp(path.join(tmpdir(), 'folder-source-empty-'));
    try {
      const none = new FolderSource({ path: empty, now: () => 0 });
      await expect(none.start()).rejects.toThrow(/no \.jpg, \.jpeg or \.png images/);
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});
