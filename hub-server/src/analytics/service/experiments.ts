// Layout experiments for the API: each registered experiment touching the store (treated or
// control), evaluated on the stored baskets by difference in differences with a day-resampling
// bootstrap interval (experiments/), as the port's metric rows. A metric the data cannot estimate
// yet (no baskets after the change, no control pairs) is left out rather than shown as zero.
import type { Experiment } from '../../http/analytics-port.js';
import { evaluateLayoutExperiment, type MetricResult } from '../experiments/evaluate-experiment.js';
import type { LayoutExperiment } from '../experiments/layout-experiment.js';
import type { Transaction } from '../join/transactions.js';

export interface ExperimentOptions {
  /** Today, YYYY-MM-DD (UTC): an experiment starting later is planned. */
  today: string;
  categoryOf?: (sku: string) => string | undefined;
  resamples?: number;
  seed?: number;
}

/** The stores an experiment reads: treated, and control stores when it has them. */
export function storesOf(e: LayoutExperiment): string[] {
  return [...new Set([...e.stores, ...('stores' in e.control ? e.control.stores : [])])];
}

export function experimentOf(
  e: LayoutExperiment,
  transactions: readonly Transaction[],
  o: ExperimentOptions,
): Experiment {
  const planned = o.today < e.date;
  const r = planned
    ? undefined
    : evaluateLayoutExperiment(e, transactions, {
        ...(o.categoryOf && { categoryOf: o.categoryOf }),
        resamples: o.resamples ?? 2000,
        seed: o.seed ?? 1,
      });
  const control = 'stores' in e.control ? 'control stores' : 'control categories';
  const metrics = r
    ? [
        metric('co-purchase rate of the target pairs', 'share of baskets', r.coPurchaseRate),
        metric(
          `units of the moved SKUs per basket, against ${control}`,
          'units per basket',
          r.salesPerBasket,
        ),
      ].flatMap((m) => (m ? [m] : []))
    : [];
  return {
    id: e.id,
    ...(e.description !== undefined && { description: e.description }),
    date: e.date,
    stores: e.stores,
    status: planned ? 'planned' : 'running',
    metrics,
  };
}

function metric(name: string, unit: string, m: MetricResult) {
  if (m.estimate === null) return undefined;
  return { name, unit, estimate: m.estimate, ciLow: m.ci95[0], ciHigh: m.ci95[1], confidenceLevel: 0.95 };
}
