// The gateway's privacy aggregation core: what the agent wires between fusion and the outbox.

export { MAX_DWELL_INTERVAL_MS } from './heatmap-grid.js';
export { type IdentityOf, type ResolvedIdentity, withIdentity } from './identity-at-close.js';
export { type IgnoredCounts, observationMetrics, type TrackObservation } from './track-observation.js';
export {
  DEFAULT_TRACK_TIMEOUT_MS,
  WindowAggregator,
  type WindowAggregatorOptions,
  type WindowOutput,
} from './window-aggregator.js';
export type { CountsBody, HeatmapBody, PathsBody, WindowBodies, ZonesBody } from './window-release.js';
