// Keeps one overhead camera's learned empty scene across restarts: every `everyMs` of frame time, and once
// more when its detector closes, the detector's background is written to the camera's folder if it can be
// trusted (overhead/background-trust.ts). At the next start those pictures are the camera's reference.
import type { Logger } from '../../logger.js';
import type { Detector, RgbImage } from '../frame.js';
import { backgroundTrust, type KeepRule, keepDue } from '../overhead/background-trust.js';
import { saveBackground } from './background-store.js';

/** What a detector must tell about the scene it learned (OverheadDetector does). */
export interface LearnedScene {
  background(): RgbImage | undefined;
  learnedFrames(): number;
}

export function isLearnedScene(detector: object): detector is LearnedScene {
  const d = detector as Partial<LearnedScene>;
  return typeof d.background === 'function' && typeof d.learnedFrames === 'function';
}

export interface BackgroundKeeperOptions {
  /** The camera's own folder. */
  dir: string;
  rule: KeepRule;
  /** Pictures kept, the newest (one per UTC hour). */
  keep: number;
  logger: Logger;
}

export class BackgroundKeeper {
  #scene: LearnedScene | undefined;
  #since: number | undefined;
  #lastTs: number | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly o: BackgroundKeeperOptions) {}

  /**
   * The camera's detector, as its backend built it: returned wrapped so that closing it keeps the scene
   * first (closing forgets it). A detector that cannot tell its scene is returned as is.
   */
  attach(detector: Detector): Detector {
    if (!isLearnedScene(detector)) {
      this.o.logger.warn({ detector: detector.name }, 'detector does not expose its background; not kept');
      return detector;
    }
    this.#scene = detector;
    return {
      name: detector.name,
      detect: (image) => detector.detect(image),
      close: async () => {
        await this.flush();
        await detector.close();
      },
    };
  }

  /** A frame at `ts` went through the detector. */
  frame(ts: number): void {
    this.#lastTs = ts;
    this.#since ??= ts;
    if (!keepDue(this.#since, ts, this.o.rule.everyMs)) return;
    this.#since = ts;
    this.#keep(ts);
  }

  /** Keeps the scene at the last frame's time, and waits for every write under way. */
  async flush(): Promise<void> {
    if (this.#lastTs !== undefined) this.#keep(this.#lastTs);
    await this.#writing;
  }

  #keep(ts: number): void {
    const scene = this.#scene;
    if (scene === undefined) return;
    const frames = scene.learnedFrames();
    // Cheap test first: the picture is only computed once enough frames were learned.
    const image = frames >= this.o.rule.minFrames ? scene.background() : undefined;
    const trust = backgroundTrust(image, frames, this.o.rule);
    if (!trust.trusted) {
      this.o.logger.debug({ reason: trust.reason }, 'background not kept');
      return;
    }
    const { dir, keep, logger } = this.o;
    // One write at a time, in order; a failed write is logged and never stops the camera.
    this.#writing = this.#writing.then(async () => {
      try {
        const file = await saveBackground({ dir, image: image!, ts, keep });
        logger.debug({ file, frames }, 'background kept');
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'background could not be kept');
      }
    });
  }
}
