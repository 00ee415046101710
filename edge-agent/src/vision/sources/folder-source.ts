// A folder of JPEG/PNG frames replayed as a camera: in frame-number order (`<Clip>_<frame>.jpg`, the
// contracts' parser), falling back to natural name order when names carry no usable, unique number.
// With `fps > 0` frames are paced on the injected clock and a slow consumer loses frames like it would
// with a camera; with `fps: 0` each `next()` reads the next file, so evaluations see every frame.
// `seq` is the frame number (plus one span per loop) and `ts` follows from it, so a replay is deterministic.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { orderFrames } from '@retail/contracts';
import type { Logger } from '../../logger.js';
import type { SourceFrame } from '../frame.js';
import {
  type Clock,
  errorMessage,
  type FrameSource,
  type FrameSourceStats,
  type Sleep,
  type SourceState,
  systemSleep,
} from './frame-source.js';
import { LatestFrameSlot } from './latest-frame-slot.js';

export interface FolderSourceOptions {
  path: string;
  /** Replay rate in frames per second; 0 = as fast as the consumer pulls (no frame dropped). */
  fps?: number;
  /** Start over after the last frame instead of ending. */
  loop?: boolean;
  /** The recording's frame rate, for `ts`; default `fps`, or 25 when `fps` is 0. */
  frameRate?: number;
  /** `ts` of the first frame; default the clock at `start()`. Pass 0 for byte-identical replays. */
  tsOrigin?: number;
  now: Clock;
  sleep?: Sleep;
  logger?: Logger;
}

export interface FolderFrame {
  name: string;
  frame: number;
}

/**
 * The frames of a folder listing in replay order. Frame numbers from the names when every image has a
 * distinct one; otherwise all images in natural order ("img2" before "img10"), numbered from 1.
 */
export function folderFrameOrder(names: readonly string[]): { frames: FolderFrame[]; fallback?: string } {
  const { frames, issues } = orderFrames(names);
  const first = issues[0];
  if (first === undefined) return { frames };
  const collator = new Intl.Collator('en', { numeric: true });
  const images = names.filter((n) => /\.(?:jpe?g|png)$/i.test(n)).sort(collator.compare);
  return {
    frames: images.map((name, i) => ({ name, frame: i + 1 })),
    fallback: `${first.field}: ${first.message}`,
  };
}

export class FolderSource implements FrameSource {
  readonly description: string;
  readonly #fps: number;
  readonly #frameRate: number;
  readonly #slot = new LatestFrameSlot();
  readonly #stop = new AbortController();
  #frames: FolderFrame[] = [];
  #origin = 0;
  #state: SourceState = 'starting';
  #lastError: string | undefined;
  #producer: Promise<void> | undefined;
  /** The next replay position to read, counting loops; and (fps 0) the chain that keeps reads in order. */
  #position = 0;
  #pull: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: FolderSourceOptions) {
    this.description = `folder ${o.path}`;
    this.#fps = o.fps ?? 0;
    if (!(this.#fps >= 0)) throw new RangeError(`folder source: fps must be 0 or more, got ${o.fps}`);
    this.#frameRate = o.frameRate ?? (this.#fps > 0 ? this.#fps : 25);
  }

  async start(): Promise<void> {
    if (this.#producer || this.#frames.length > 0) return;
    try {
      const listing = await readdir(this.o.path).catch((err: Error) => {
        throw new Error(`folder source: cannot read ${this.o.path}: ${err.message}`);
      });
      const { frames, fallback } = folderFrameOrder(listing);
      if (frames.length === 0)
        throw new Error(`folder source: no .jpg, .jpeg or .png images in ${this.o.path}`);
      if (fallback)
        this.o.logger?.warn(
          { folder: this.o.path, issue: fallback },
          'frame numbers unusable; natural name order',
        );
      this.#frames = frames;
    } catch (err) {
      this.#finish('dead', errorMessage(err));
      throw err;
    }
    this.#origin = this.o.tsOrigin ?? this.o.now();
    if (this.#fps > 0) this.#producer = this.#produce(this.o.now());
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#slot.close(true);
    await this.#producer;
    if (this.#state !== 'dead') this.#state = 'ended';
  }

  next(signal?: AbortSignal): Promise<SourceFrame | null> {
    if (this.#fps > 0) return this.#slot.take(signal);
    // Pulled mode: one read per call, in call order, through the slot so counting stays in one place. A
    // frame left in the slot by an aborted call goes to the next call instead of being replaced.
    const result = this.#pull.then(async () => {
      if (!this.#slot.full && !this.#slot.closed) {
        const frame = await this.#readNext();
        if (frame) {
          this.#slot.put(frame);
          this.#state = 'running';
        } else {
          this.#finish('ended');
        }
      }
      return this.#slot.take(signal);
    });
    this.#pull = result.catch(() => {});
    return result;
  }

  stats(): FrameSourceStats {
    return {
      ...this.#slot.counts(),
      restarts: 0,
      state: this.#state,
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
    };
  }

  /** Paced mode: each frame is read, then put in the slot when its time on the clock comes. */
  async #produce(t0: number): Promise<void> {
    const signal = this.#stop.signal;
    const sleep = this.o.sleep ?? systemSleep;
    while (!signal.aborted) {
      const frame = await this.#readNext();
      if (!frame) return this.#finish('ended');
      const wait = t0 + (this.#offsetMs(frame.seq) * this.#frameRate) / this.#fps - this.o.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal.aborted) return;
      this.#slot.put(frame);
      this.#state = 'running';
    }
  }

  /** The frame at the cursor (counting loops), moving it on; undefined at the end. Skips unreadable files. */
  async #readNext(): Promise<SourceFrame | undefined> {
    const n = this.#frames.length;
    for (let failures = 0; failures < n && (this.o.loop || this.#position < n); failures++) {
      if (this.#stop.signal.aborted) return undefined;
      const p = this.#position++;
      const file = this.#frames[p % n]!;
      try {
        const buf = await readFile(path.join(this.o.path, file.name));
        const seq = file.frame + Math.floor(p / n) * this.#span();
        const data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
        return { kind: 'encoded', seq, ts: this.#origin + this.#offsetMs(seq), data };
      } catch (err) {
        // One vanished file should not end a replay; the gap shows in seq.
        this.#lastError = `folder source: cannot read ${file.name}: ${errorMessage(err)}`;
      }
    }
    return undefined;
  }

  /** Frame numbers one loop covers, so seq keeps rising across loops. */
  #span(): number {
    return this.#frames[this.#frames.length - 1]!.frame - this.#frames[0]!.frame + 1;
  }

  /** Milliseconds of the recording from the first frame to frame `seq`. */
  #offsetMs(seq: number): number {
    return ((seq - this.#frames[0]!.frame) * 1000) / this.#frameRate;
  }

  #finish(state: 'dead' | 'ended', error?: string): void {
    if (this.#state !== 'dead') this.#state = state;
    if (error !== undefined) this.#lastError = error;
    this.#slot.close();
  }
}
