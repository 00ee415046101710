// Every detector backend the gateway knows, by name: the NanoDet/coco-ssd built-ins and the
// overhead-camera detector (stateful: one instance per camera, which the factory guarantees).
import { builtinDetectors, type DetectorRegistry } from './detect/create-detector.js';

export const visionDetectors: DetectorRegistry = Object.freeze({
  ...builtinDetectors,
  overhead: async (o) =>
    new (await import('./overhead/overhead-detector.js')).OverheadDetector(
      o.reference === undefined ? {} : { reference: o.reference },
    ),
});
