// An overhead camera's starting reference (overhead/reference-background.ts): the pictures IT configured
// (`vision.references`) and the ones the gateway kept of the scene it learned before (background-keeper.ts),
// all in one median, so someone who stood in only a few of them is gone. Kept pictures are the detector's
// blurred background, blurred once more when the detector starts from them: slightly softer than the
// frames, which the background rate (0.05 a frame) catches up with in a few dozen frames.
import type { Logger } from '../../logger.js';
import { type BackgroundReference, learnReference } from '../overhead/reference-background.js';
import { loadBackgrounds } from './background-store.js';
import type { FrameSize } from './decode-frame.js';
import { loadReferencePictures } from './reference-pictures.js';

export interface CameraReferenceOptions {
  /** Configured pictures (absolute paths); a missing or broken one fails the camera, as a config error does. */
  configured: readonly string[];
  /** The camera's folder of kept pictures, if the gateway keeps them; unusable ones are skipped. */
  keptDir?: string;
  keep: number;
  /** The camera's resolution. */
  size: FrameSize;
  logger: Logger;
}

/** Undefined when there is no picture at all (a cold start). */
export async function cameraReference(o: CameraReferenceOptions): Promise<BackgroundReference | undefined> {
  const configured =
    o.configured.length > 0 ? await loadReferencePictures(o.configured, { size: o.size }) : [];
  const kept =
    o.keptDir !== undefined && o.keep > 0
      ? await loadBackgrounds({ dir: o.keptDir, size: o.size, keep: o.keep, logger: o.logger })
      : [];
  const pictures = [...configured, ...kept];
  o.logger.info({ configured: configured.length, kept: kept.length }, 'overhead reference pictures');
  return pictures.length > 0 ? learnReference(pictures) : undefined;
}
