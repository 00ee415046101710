// Builds the frame source a camera's config names; the one place that knows every source type.
import { statSync } from 'node:fs';
import type { Logger } from '../../logger.js';
import type { RetryPolicy } from '../../outbox/backoff.js';
import {
  type CameraSource,
  type CameraSourceConfig,
  inferCameraSource,
  type PathKind,
} from './camera-source-config.js';
import { createFfmpegSource } from './ffmpeg-source.js';
import { FolderSource } from './folder-source.js';
import type { Clock, FrameSource, Sleep } from './frame-source.js';
import { createMjpegSource } from './mjpeg-source.js';

export interface FrameSourceDeps {
  now: Clock;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
  /** The camera's calibrated resolution (layout `camera.resolution`): ffmpeg's output size unless the config sets one. */
  resolution?: { width: number; height: number };
  /** Folder replays: `ts` of the first frame (default the clock at start). */
  tsOrigin?: number;
  ffmpegPath?: string;
  retry?: RetryPolicy;
}

/** A source for a parsed config (see `cameraSourceSchema`); a string is resolved by `inferCameraSource`. */
export function createFrameSource(source: CameraSource, deps: FrameSourceDeps): FrameSource {
  const config: CameraSourceConfig =
    typeof source === 'string' ? inferCameraSource(source, pathKind) : source;
  const { now, sleep, random, logger, retry } = deps;
  switch (config.type) {
    case 'folder':
      return new FolderSource({
        path: config.path,
        fps: config.fps,
        loop: config.loop,
        tsOrigin: deps.tsOrigin,
        now,
        sleep,
        logger,
      });
    case 'mjpeg':
      return createMjpegSource({
        url: config.url,
        maxRetries: config.maxRetries,
        stallTimeoutMs: config.stallTimeoutSeconds * 1000,
        retry,
        now,
        sleep,
        random,
        logger,
      });
    case 'ffmpeg': {
      const width = config.width ?? deps.resolution?.width;
      const height = config.height ?? deps.resolution?.height;
      if (width === undefined || height === undefined)
        throw new Error(
          `camera source ${config.input}: ffmpeg needs the output width and height (set them, or the camera's resolution)`,
        );
      return createFfmpegSource({
        input: config.input,
        width,
        height,
        fps: config.fps,
        realtime: config.realtime,
        loop: config.loop,
        maxRetries: config.maxRetries,
        stallTimeoutMs: config.stallTimeoutSeconds * 1000,
        ffmpegPath: deps.ffmpegPath,
        retry,
        now,
        sleep,
        random,
        logger,
      });
    }
  }
}

function pathKind(p: string): PathKind {
  const stat = statSync(p, { throwIfNoEntry: false });
  if (stat === undefined) return 'missing';
  return stat.isDirectory() ? 'directory' : 'file';
}
