// Shopper paths from zone visits: sessions, transitions, frequent sequences, dwell and the funnel.
export { dwellByZone, quantile, type ZoneDwell } from './dwell.js';
export {
  type FunnelRow,
  type FunnelSession,
  type FunnelTarget,
  funnel,
  itemTargets,
  type LinkedFunnel,
  zoneTargets,
} from './funnel.js';
export { groupSessions, type ShopperSession, visitedZones, zoneSequence } from './sessions.js';
export { type TransitionMatrix, transitionShares, zoneTransitionMatrix } from './transition-matrix.js';
export { frequentZoneSequences, type ZoneSequence, type ZoneSequenceOptions } from './zone-sequences.js';
