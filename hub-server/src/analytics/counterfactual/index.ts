// Counterfactual layouts: apply proposed changes and replay observed paths to estimate exposure.
export {
  distanceToPolygon,
  type ExposureChange,
  type ExposureOptions,
  type ExposureReplay,
  type ObservedPath,
  replayExposure,
} from './exposure-replay.js';
export { applyLayoutChanges, type LayoutChange } from './layout-changes.js';
