import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFfmpegSource, type FfmpegSourceOptions } from './ffmpeg-source.js';
import { type FrameSource, readFrames } from './frame-source.js';
import { bytesOf } from './source-test-kit.js';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfmpeg)
  console.warn('ffmpeg-source tests skipped: no ffmpeg binary on PATH (apt-get install ffmpeg)');

const fastRetry = { initialMs: 50, maxMs: 50, jitter: 0 };
let dir: string;
let clip: string;
const sources: FrameSource[] = [];

function source(options: Partial<FfmpegSourceOptions>): FrameSource {
  const s = createFfmpegSource({
    input: clip,
    width: 160,
    height: 120,
    now: () => 7,
    retry: fastRetry,
    ...options,
  });
  sources.push(s);
  return s;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ffmpeg-source-'));
  clip = path.join(dir, 'clip.mp4');
  if (hasFfmpeg) {
    const lavfi = [
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=25',
      '-t',
      '2',
      '-pix_fmt',
      'yuv420p',
      clip,
    ];
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...lavfi]);
  }
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ffmpeg source', () => {
  it('reports a missing ffmpeg binary clearly at start', async () => {
    const s = source({ ffmpegPath: path.join(dir, 'no-such-ffmpeg') });
    await expect(s.start()).rejects.toThrow(/ffmpeg not found at .*no-such-ffmpeg/);
    expect(s.stats().state).toBe('dead');
    const onPath = source({ ffmpegPath: 'ffmpeg-that-is-not-installed' });
    await expect(onPath.start()).rejects.toThrow(/not found on PATH; install it/);
  });

  describe.skipIf(!hasFfmpeg)('with ffmpeg', () => {
    it('delivers every frame of a file as raw RGB of the asked size, then ends', async () => {
      const s = source({});
      await s.start();
      const seqs: number[] = [];
      for await (const f of readFrames(s)) {
        expect(f).toMatchObject({ kind: 'rgb', width: 160, height: 120, ts: 7 });
        expect(bytesOf(f)!.length).toBe(160 * 120 * 3);
        seqs.push(f.seq);
      }
      const st = s.stats();
      expect(st).toMatchObject({ received: 50, state: 'ended', restarts: 0 });
      expect(st.delivered + st.dropped).toBe(50);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs.at(-1)).toBe(49);
    });

    it('scales and resamples with the fps filter', async () => {
      const s = source({ width: 80, height: 60, fps: 10 });
      await s.start();
      const first = await s.next();
      expect(bytesOf(first)?.length).toBe(80 * 60 * 3);
      // testsrc's top-left corner is not black: the pixels really came through.
      expect(
        bytesOf(first)
          ?.subarray(0, 30)
          .some((b) => b > 0),
      ).toBe(true);
      await waitFor(
        () => s.stats(),
        (st) => st.state === 'ended',
      );
      expect(s.stats().received).toBe(20);
    });

    it('starts a looping file over when it ends, without counting a restart', async () => {
      const s = source({ fps: 10, loop: true });
      await s.start();
      // The 2 s clip at 10 fps is 20 frames: well past them, the source is still running.
      await waitFor(
        () => s.stats(),
        (st) => st.received > 45,
      );
      expect(s.stats()).toMatchObject({ state: 'running', restarts: 0 });
    });

    it('drains the pipe for a slow consumer, keeping only the latest frame', async () => {
      const s = source({});
      await s.start();
      await waitFor(
        () => s.stats(),
        (st) => st.state === 'ended',
      );
      expect(await s.next()).toMatchObject({ seq: 49 });
      expect(await s.next()).toBeNull();
      expect(s.stats()).toMatchObject({ received: 50, delivered: 1, dropped: 49 });
    });

    it('retries a missing file with backoff, then is dead after maxRetries with ffmpeg’s complaint', async () => {
      const s = source({ input: path.join(dir, 'missing.mp4'), maxRetries: 2 });
      await s.start();
      await waitFor(
        () => s.stats(),
        (st) => st.state === 'retrying',
      );
      expect(await s.next()).toBeNull();
      expect(s.stats()).toMatchObject({ state: 'dead', restarts: 2, received: 0 });
      expect(s.stats().lastError).toMatch(
        /ffmpeg exited with \d+: .*missing\.mp4: No such file or directory/,
      );
    });

    it('restarts a camera that stalls (the watchdog), reporting it', async () => {
      // A FIFO nobody writes to: ffmpeg waits on it forever, like a camera that stopped sending.
      const fifo = path.join(dir, 'stalled.fifo');
      execFileSync('mkfifo', [fifo]);
      const s = source({ input: fifo, stallTimeoutMs: 300, maxRetries: 1 });
      await s.start();
      await waitFor(
        () => s.stats(),
        (st) => st.state === 'retrying',
      );
      expect(s.stats().lastError).toMatch(/no frame from ffmpeg for 0.3 s/);
      expect(await s.next()).toBeNull();
      expect(s.stats()).toMatchObject({ state: 'dead', restarts: 1 });
    });

    it('stop() ends a running ffmpeg promptly', async () => {
      const s = source({ realtime: true });
      await s.start();
      expect(await s.next()).toMatchObject({ kind: 'rgb' });
      await s.stop();
      expect(s.stats().state).toBe('ended');
      expect(s.stats().received).toBeLessThan(50);
      expect(await s.next()).toBeNull();
    });
  });
});
