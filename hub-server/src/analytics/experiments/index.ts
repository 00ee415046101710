// Layout experiments: register a change, then difference-in-differences against a control with a
// day-resampling bootstrap interval.
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
  type ExperimentResult,
  evaluateLayoutExperiment,
  type MetricResult,
} from './evaluate-experiment.js';
export { type DayGroup, type DayOf, groupDays, splitAt, utcDay } from './experiment-days.js';
export {
  ExperimentRegistry,
  type LayoutExperiment,
  type LayoutExperimentInput,
  layoutExperimentSchema,
} from './layout-experiment.js';
