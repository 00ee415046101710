// The one interface every camera source (folder replay, MJPEG over HTTP, ffmpeg) implements. Pull-based:
// the consumer asks for the next frame when it is ready, and a live source keeps only the latest frame
// meanwhile, so a slow detector costs dropped frames (counted), never an unbounded queue.
import type { SourceFrame } from '../frame.js';

/** Milliseconds since the epoch; sources stamp `ts` with it (tests pass a fake). */
export type Clock = () => number;

/**
 * Waits `ms` milliseconds, or less when `signal` aborts; it never rejects, so callers check
 * `signal.aborted` afterwards. Injected so replay pacing and retry backoff run on a fake clock in tests.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * starting: no frame yet; running: frames flowing; retrying: the last attempt failed and a restart is
 * pending or under way; dead: gave up (a permanent error or too many failed restarts); ended: the input
 * ran out (a finished file or folder) or `stop()` was called.
 */
export type SourceState = 'starting' | 'running' | 'retrying' | 'dead' | 'ended';

export interface FrameSourceStats {
  /** Frames the source produced. */
  received: number;
  /** Frames handed to the consumer by `next()`. */
  delivered: number;
  /** Frames replaced by a newer one before the consumer asked; received = delivered + dropped + (0 or 1 waiting). */
  dropped: number;
  /** Reconnections or process restarts after failures. */
  restarts: number;
  state: SourceState;
  /** The last failure, with enough detail to act on (ffmpeg's stderr tail, the HTTP status). Kept after recovery. */
  lastError?: string;
}

export interface FrameSource {
  /** For logs and health reports: the folder, the URL without credentials, or the ffmpeg input. */
  readonly description: string;
  /**
   * Begins producing frames. Rejects (and the state becomes 'dead') only on errors a restart cannot fix:
   * a missing folder or ffmpeg binary. A camera that is unreachable at start is retried instead.
   */
  start(): Promise<void>;
  /** Stops producing and releases the camera (kills ffmpeg, closes the connection); waiting `next()` calls get null. */
  stop(): Promise<void>;
  /**
   * The newest frame not yet delivered, waiting for one if needed. Null once the source is 'ended' or
   * 'dead' (see `stats().state` for which). Rejects with the signal's reason when `signal` aborts.
   */
  next(signal?: AbortSignal): Promise<SourceFrame | null>;
  stats(): FrameSourceStats;
}

/** The frames of a source until it ends, dies or `signal` aborts; for `for await` consumers. */
export async function* readFrames(source: FrameSource, signal?: AbortSignal): AsyncGenerator<SourceFrame> {
  for (;;) {
    const frame = await source.next(signal);
    if (frame === null) return;
    yield frame;
  }
}

/** The real `Sleep`: a timer that an abort ends early. */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });

/** An error message for stats and logs, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
