// Picks a person-detector backend by name. Backends load lazily, so choosing ONNX never pulls in
// TensorFlow.js and vice versa. New backends (the overhead-camera detector) join through the registry.
import type { Polygon } from '@retail/contracts';
import type { Detector } from '../frame.js';
import type { BackgroundReference } from '../overhead/reference-background.js';
import type { CocoSsdDetectorOptions } from './coco-ssd-detector.js';
import { withPrivacyMasks } from './masked-detector.js';
import type { OnnxDetectorOptions } from './onnx-detector.js';
import type { TfjsDetectorOptions } from './tfjs-detector.js';

/** One options bag for every backend; each reads the fields it knows. */
export interface DetectorOptions extends OnnxDetectorOptions, TfjsDetectorOptions, CocoSsdDetectorOptions {
  /** Image polygons blanked before detection (the layout camera's `privacyMasks`). */
  privacyMasks?: readonly Polygon[];
  /** The overhead detector's picture of the empty scene (overhead/reference-background.ts); others ignore it. */
  reference?: BackgroundReference;
}

export type DetectorConstructor<O extends DetectorOptions = DetectorOptions> = (
  options: O,
) => Promise<Detector>;
export type DetectorRegistry = Readonly<Record<string, DetectorConstructor>>;

export const DEFAULT_DETECTOR = 'onnx';

export const builtinDetectors: DetectorRegistry = Object.freeze({
  onnx: async (o: DetectorOptions) => (await import('./onnx-detector.js')).createOnnxDetector(o),
  tfjs: async (o: DetectorOptions) => (await import('./tfjs-detector.js')).createTfjsDetector(o),
  'coco-ssd': async (o: DetectorOptions) => (await import('./coco-ssd-detector.js')).createCocoSsdDetector(o),
});

/**
 * Build the detector called `backend` from `registry` (the built-ins by default; pass
 * `{ ...builtinDetectors, overhead: createOverheadDetector }` to add one), wrapped with the privacy masks.
 */
export async function createDetector(
  backend: string = DEFAULT_DETECTOR,
  options: DetectorOptions = {},
  registry: DetectorRegistry = builtinDetectors,
): Promise<Detector> {
  const make = Object.hasOwn(registry, backend) ? registry[backend] : undefined;
  if (!make) {
    throw new Error(`unknown detector "${backend}"; known: ${Object.keys(registry).join(', ')}`);
  }
  return withPrivacyMasks(await make(options), options.privacyMasks ?? []);
}
