// Did the layout change work? Difference-in-differences of the treated stores' co-purchase rate of the
// target pairs and sales of the moved SKUs, against control stores (same pairs and SKUs) or control
// categories in the treated stores (their SKUs' sales, and any untouched control pairs).
import type { Transaction } from '../join/transactions.js';
import { bootstrapDiffInDiff, type DidEstimate, type DidOptions } from './did-bootstrap.js';
import { type DayGroup, type DayOf, groupDays, splitAt, utcDay } from './experiment-days.js';
import type { LayoutExperiment } from './layout-experiment.js';

export interface EvaluateOptions extends DidOptions {
  /** SKU → category, needed for category controls. */
  categoryOf?: (sku: string) => string | undefined;
  dayOf?: DayOf;
  /** Days before and after the change to compare; all available when omitted. */
  beforeDays?: number;
  afterDays?: number;
}

export type MetricResult = DidEstimate | { readonly estimate: null; readonly reason: string };

export interface ExperimentResult {
  readonly experiment: string;
  readonly date: string;
  readonly control: 'stores' | 'categories';
  /** Share of baskets holding a target pair (mean over pairs). */
  readonly coPurchaseRate: MetricResult;
  /** Units of the moved SKUs per basket (control: the control categories' units per basket). */
  readonly salesPerBasket: MetricResult;
}

export function evaluateLayoutExperiment(
  experiment: LayoutExperiment,
  transactions: readonly Transaction[],
  options: EvaluateOptions = {},
): ExperimentResult {
  const groups = experimentGroups(experiment, transactions, options.categoryOf);
  if (typeof groups === 'string') {
    const failed = { estimate: null, reason: groups } as const;
    return {
      experiment: experiment.id,
      date: experiment.date,
      control: 'categories',
      coPurchaseRate: failed,
      salesPerBasket: failed,
    };
  }
  const { treated, control } = groups;
  const dayOf = options.dayOf ?? utcDay;
  const t = groupDays(transactions, treated, dayOf);
  const c = groupDays(transactions, control, dayOf);
  const window = evaluationWindow(options);
  const did = (treatedDays: typeof t.sales, controlDays: typeof c.sales): MetricResult => {
    const tt = splitAt(treatedDays, experiment.date, window);
    const cc = splitAt(controlDays, experiment.date, window);
    const cells = {
      treatedBefore: tt.before,
      treatedAfter: tt.after,
      controlBefore: cc.before,
      controlAfter: cc.after,
    };
    return (
      bootstrapDiffInDiff(cells, options) ?? {
        estimate: null,
        reason: 'a group has no baskets before or after the change',
      }
    );
  };
  const noPairs = (who: string) => ({ estimate: null, reason: `no ${who} pairs to compare` }) as const;
  return {
    experiment: experiment.id,
    date: experiment.date,
    control: 'stores' in experiment.control ? 'stores' : 'categories',
    coPurchaseRate:
      treated.pairs.length === 0
        ? noPairs('target')
        : control.pairs.length === 0
          ? noPairs('control')
          : did(t.coPurchase, c.coPurchase),
    salesPerBasket: did(t.sales, c.sales),
  };
}

/** The days compared on either side of the change, as `splitAt` takes them. */
export function evaluationWindow(options: EvaluateOptions): { before?: number; after?: number } {
  return {
    ...(options.beforeDays !== undefined && { before: options.beforeDays }),
    ...(options.afterDays !== undefined && { after: options.afterDays }),
  };
}

export interface ExperimentGroups {
  readonly treated: DayGroup;
  readonly control: DayGroup;
}

/**
 * What is compared: the treated stores' target pairs and moved SKUs, and the control stores' same pairs
 * and SKUs, or the control categories' SKUs (bar moved ones) and control pairs in the treated stores.
 * A string says why there is no control (category controls without a catalogue).
 */
export function experimentGroups(
  experiment: LayoutExperiment,
  transactions: readonly Transaction[],
  categoryOf?: (sku: string) => string | undefined,
): ExperimentGroups | string {
  const treated: DayGroup = {
    stores: new Set(experiment.stores),
    pairs: experiment.pairs,
    items: new Set(experiment.movedSkus),
  };
  if ('stores' in experiment.control) {
    const control = {
      stores: new Set(experiment.control.stores),
      pairs: experiment.pairs,
      items: new Set(experiment.movedSkus),
    };
    return { treated, control };
  }
  if (!categoryOf) return 'category controls need the catalogue (categoryOf)';
  const categories = new Set(experiment.control.categories);
  const moved = new Set(experiment.movedSkus);
  const items = new Set<string>();
  for (const t of transactions) {
    for (const sku of t.units.keys()) {
      const c = categoryOf(sku);
      if (c !== undefined && categories.has(c) && !moved.has(sku)) items.add(sku);
    }
  }
  return { treated, control: { stores: new Set(experiment.stores), pairs: experiment.control.pairs, items } };
}
