// Camera–beacon fusion: links anonymous camera tracks to staff tags and the loyalty app's rotating ids,
// and the evaluation of that linking against a simulated day's truth.
export { DEFAULT_FUSION_OPTIONS, type FusionOptions, fusionOptions } from './fusion-options.js';
export { distanceToDoor, type FusionSite, inStaffOnlyArea, NO_SITE, siteOfLayout } from './fusion-site.js';
export {
  evaluateLinking,
  type LinkingEvalInput,
  type LinkingFigures,
  type LinkingReport,
  ownersByProximity,
} from './linking-eval.js';
export { advantage, advantageOverSpan, PairEvidence, separation } from './pair-evidence.js';
export { fixCost, type PositionAt } from './pair-scoring.js';
export { type FusionCounters, TrackFusion, type TrackIdentity } from './track-fusion.js';
export { TrackHistory } from './track-history.js';
export {
  type ChainOptions,
  clearlyNearest,
  continuationDistance,
  type TrackEnds,
} from './tracklet-chains.js';
export {
  type BeaconFixOptions,
  beaconFixesFromTruth,
  type CameraTrackOptions,
  type CameraTracks,
  cameraTracksFromTruth,
  type TrackOwner,
} from './truth-streams.js';
