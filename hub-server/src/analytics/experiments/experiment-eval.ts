// A layout experiment's estimate held against a known effect. Given the baskets of the days as they
// happened and of the same days without the change (a simulator run with the same seed and no layout
// change: common random numbers, so only what the layout changed differs), the true effect on a metric
// is the treated group's rate with the change minus without it over the days after the change, and the
// check is whether the 95 % interval covers it. The control group's own with-minus-without is reported
// too: a control the change reaches (spillover) biases difference in differences by minus that shift.
import type { Transaction } from '../join/transactions.js';
import { type DayObservation, type DidEstimate, pooledRate } from './did-bootstrap.js';
import {
  type EvaluateOptions,
  evaluateLayoutExperiment,
  evaluationWindow,
  experimentGroups,
  type MetricResult,
} from './evaluate-experiment.js';
import { type DayGroup, type GroupDays, groupDays, splitAt, utcDay } from './experiment-days.js';
import type { LayoutExperiment } from './layout-experiment.js';

export interface TrueEffect {
  /** Treated rate with the change minus without it, after the change. */
  readonly effect: number;
  readonly withChange: number;
  readonly withoutChange: number;
  /** The control group's rate with minus without the change (0 when the control is untouched). */
  readonly controlShift: number;
  readonly covered: boolean;
}

export type TruthResult = TrueEffect | { readonly effect: null; readonly reason: string };

export type MetricEvaluation =
  | (DidEstimate & {
      /** Treated after minus treated before, what a comparison without control would report. */
      readonly naiveBeforeAfter: number;
      readonly excludesZero: boolean;
      readonly truth?: TruthResult;
    })
  | { readonly estimate: null; readonly reason: string };

export interface ExperimentEvaluation {
  readonly experiment: string;
  readonly date: string;
  readonly control: 'stores' | 'categories';
  readonly coPurchaseRate: MetricEvaluation;
  readonly salesPerBasket: MetricEvaluation;
  /** Whether the co-purchase interval covers the true effect; null without a counterfactual. */
  readonly covered: boolean | null;
}

type Metric = keyof GroupDays;

export function evaluateAgainstTruth(
  experiment: LayoutExperiment,
  transactions: readonly Transaction[],
  /** The same days without the change, when known. */
  counterfactual: readonly Transaction[] | undefined,
  options: EvaluateOptions = {},
): ExperimentEvaluation {
  const result = evaluateLayoutExperiment(experiment, transactions, options);
  const groups = experimentGroups(experiment, transactions, options.categoryOf);
  const window = evaluationWindow(options);
  const afterDays = (txs: readonly Transaction[], group: DayGroup, metric: Metric) =>
    splitAt(groupDays(txs, group, options.dayOf ?? utcDay)[metric], experiment.date, window).after;
  const dayList = (days: readonly DayObservation[]) => days.map((d) => d.day).join();

  const truthOf = (metric: Metric, estimate: DidEstimate): TruthResult | undefined => {
    if (!counterfactual || typeof groups === 'string') return undefined;
    const withChange = afterDays(transactions, groups.treated, metric);
    const withoutChange = afterDays(counterfactual, groups.treated, metric);
    if (dayList(withChange) !== dayList(withoutChange))
      return { effect: null, reason: 'the counterfactual does not cover the same days after the change' };
    const effect = pooledRate(withChange) - pooledRate(withoutChange);
    const controlShift =
      pooledRate(afterDays(transactions, groups.control, metric)) -
      pooledRate(afterDays(counterfactual, groups.control, metric));
    return {
      effect,
      withChange: pooledRate(withChange),
      withoutChange: pooledRate(withoutChange),
      controlShift,
      covered: estimate.ci95[0] <= effect && effect <= estimate.ci95[1],
    };
  };

  const evaluate = (metric: Metric, m: MetricResult): MetricEvaluation => {
    if (m.estimate === null) return m;
    const truth = truthOf(metric, m);
    return {
      ...m,
      naiveBeforeAfter: m.rates.treatedAfter - m.rates.treatedBefore,
      excludesZero: m.ci95[0] > 0 || m.ci95[1] < 0,
      ...(truth && { truth }),
    };
  };
  const coPurchaseRate = evaluate('coPurchase', result.coPurchaseRate);
  const truth = coPurchaseRate.estimate === null ? undefined : coPurchaseRate.truth;
  return {
    experiment: result.experiment,
    date: result.date,
    control: result.control,
    coPurchaseRate,
    salesPerBasket: evaluate('sales', result.salesPerBasket),
    covered: truth && truth.effect !== null ? truth.covered : null,
  };
}
