// What the vision commands (eval detect|track, bench detect) share: reading MOT ground truth with
// line-numbered errors, building a detector from --detector / --mounting / --score, and the overhead
// detector's empty-scene reference from --reference.
import { createReadStream } from 'node:fs';
import { collect, formatIssue, type MotBox, parseMot } from '@retail/contracts';
import { createDetector, type DetectorOptions } from '../vision/detect/create-detector.js';
import type { Detector, Mounting } from '../vision/frame.js';
import type { BackgroundReference } from '../vision/overhead/reference-background.js';
import { loadReference } from '../vision/pipeline/reference-pictures.js';
import { visionDetectors } from '../vision/vision-detectors.js';

export const MOUNTINGS = ['overhead', 'oblique'] as const;

export class UsageError extends Error {}

export function mountingFlag(v: unknown): Mounting {
  const m = typeof v === 'string' ? v : 'oblique';
  if (!(MOUNTINGS as readonly string[]).includes(m))
    throw new UsageError(`--mounting must be one of ${MOUNTINGS.join(', ')}, not "${m}"`);
  return m as Mounting;
}

export function numberFlag(v: unknown, name: string, dflt: number, min = 0, max = Number.MAX_VALUE): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, not "${String(v)}"`);
  return n;
}

/** The detector for a mounting unless --detector names one: the overhead detector from the ceiling. */
export async function detectorFlag(
  name: unknown,
  mounting: Mounting,
  options: DetectorOptions = {},
): Promise<Detector> {
  const backend = typeof name === 'string' ? name : mounting === 'overhead' ? 'overhead' : 'onnx';
  return createDetector(backend, options, visionDetectors);
}

export async function readMot(file: string): Promise<MotBox[]> {
  const { rows, issues } = await collect(parseMot(createReadStream(file)));
  if (issues.length > 0) {
    const shown = issues.slice(0, 10).map((i) => `  ${file}:${formatIssue(i)}`);
    throw new UsageError(`${issues.length} bad row(s) in ${file}:\n${shown.join('\n')}`);
  }
  return rows;
}

export const referenceHelp = `--reference: PATH[,PATH…] the camera's past, for the overhead detector: each PATH an image of the
  (nearly) empty scene, or a folder of frames whose per-pixel median is one such picture (up to 48
  frames spread over it). Their median is the starting background, so people who stand still from the
  first frame are seen; never pass the evaluated folder itself. Without it the first frame is the background.`;

/** The reference from a comma-separated --reference list, or undefined without the flag. */
export async function referenceFlag(v: unknown): Promise<BackgroundReference | undefined> {
  if (v === undefined) return undefined;
  const paths = typeof v === 'string' ? v.split(',').filter((p) => p.length > 0) : [];
  if (paths.length === 0) throw new UsageError('--reference needs PATH[,PATH…]');
  try {
    return await loadReference(paths);
  } catch (err) {
    throw new UsageError(`--reference: ${(err as Error).message}`);
  }
}

/**
 * The detector the eval and draw commands replay frames through: --detector (else the mounting's),
 * given the --reference scene, keeping boxes from `scoreThreshold` up. `reference` tells whether one was given.
 */
export async function replayDetectorFlags(
  values: Record<string, unknown>,
  mounting: Mounting,
  scoreThreshold: number,
): Promise<{ detector: Detector; reference: BackgroundReference | undefined }> {
  const reference = await referenceFlag(values.reference);
  const detector = await detectorFlag(values.detector, mounting, {
    scoreThreshold,
    ...(reference !== undefined && { reference }),
  });
  return { detector, reference };
}
