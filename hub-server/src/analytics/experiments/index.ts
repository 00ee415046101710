// Layout experiments: register a change, then difference-in-differences against a control with a
// day-resampling bootstrap interval; on simulated days, held against the known effect.
export {
  bootstrapDiffInDiff,
  type DayObservation,
  type DidCells,
  type DidEstimate,
  type DidOptions,
  diffInDiff,
  pooledRate,
} from './did-bootstrap.js';
export {
  type EvaluateOptions,
  type ExperimentGroups,
  type ExperimentResult,
  evaluateLayoutExperiment,
  evaluationWindow,
  experimentGroups,
  type MetricResult,
} from './evaluate-experiment.js';
export { type DayGroup, type DayOf, groupDays, splitAt, utcDay } from './experiment-days.js';
export {
  type ExperimentEvaluation,
  evaluateAgainstTruth,
  type MetricEvaluation,
  type TrueEffect,
  type TruthResult,
} from './experiment-eval.js';
export {
  ExperimentRegistry,
  type LayoutExperiment,
  type LayoutExperimentInput,
  layoutExperimentSchema,
  type PairSide,
  type ProductPair,
} from './layout-experiment.js';
