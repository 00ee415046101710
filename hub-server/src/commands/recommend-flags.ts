// The recommender's tuning flags, shared by `analyze recommend` and `eval recommend` so an evaluation
// always runs the recommender exactly as the analysis command would with the same flags.
import type { CrossMerchOptions } from '../analytics/reports/cross-merch-report.js';
import { UsageError } from './cli-kit.js';

export const recommendFlags = {
  level: { type: 'string' },
  'min-support': { type: 'string' },
  'min-baskets': { type: 'string' },
  'min-lift': { type: 'string' },
  'min-leverage': { type: 'string' },
  'max-p': { type: 'string' },
  'adjacent-m': { type: 'string' },
  'grace-min': { type: 'string' },
  weeks: { type: 'string' },
  store: { type: 'string' },
} as const;

export const recommendFlagsUsage = `  --level L          sku (default) or category (needs --catalogue)
  --min-support S    fraction of baskets holding the pair, default 0.002
  --min-baskets N    fewest baskets holding the pair, default 10
  --min-lift L       lift over what basket sizes alone give (size-adjusted), default 1.2
  --min-leverage V   share of baskets with the pair beyond that, default 0.001
  --max-p P          largest chance of so many baskets with the pair if unrelated, default 0.01
  --adjacent-m M     metres under which a pair is already together, default 6
  --grace-min G      minutes after the last zone exit a sale may fall in, default 15
  --weeks W          weeks the transactions cover (default: the span of their timestamps)
  --store ID         only this store's transactions`;

type RecommendFlagValues = { [K in keyof typeof recommendFlags]?: string };

/** The recommender's options from the flags; undefined ones take the core's defaults. */
export function recommendOptions(
  values: RecommendFlagValues,
  o: { top: number; hasCatalogue: boolean },
): CrossMerchOptions {
  const level = values.level ?? 'sku';
  if (level !== 'sku' && level !== 'category') throw new UsageError('--level must be sku or category');
  if (level === 'category' && !o.hasCatalogue)
    throw new UsageError('--level category needs --catalogue FILE');
  const fraction = (n: number) => n >= 0 && n <= 1;
  const positive = (n: number) => n > 0 && Number.isFinite(n);
  const atLeastZero = (n: number) => n >= 0 && Number.isFinite(n);
  return {
    level,
    top: o.top,
    minSupport: numberFlag('min-support', values['min-support'], fraction, 'a number from 0 to 1'),
    minBaskets: numberFlag(
      'min-baskets',
      values['min-baskets'],
      (n) => Number.isInteger(n) && n >= 1,
      'a whole number >= 1',
    ),
    minLift: numberFlag('min-lift', values['min-lift'], atLeastZero, 'a number >= 0'),
    minLeverage: numberFlag(
      'min-leverage',
      values['min-leverage'],
      (n) => n >= -1 && n <= 1,
      'a number from -1 to 1',
    ),
    maxPValue: numberFlag('max-p', values['max-p'], fraction, 'a number from 0 to 1'),
    adjacentMetres: numberFlag('adjacent-m', values['adjacent-m'], atLeastZero, 'metres >= 0'),
    graceMinutes: numberFlag('grace-min', values['grace-min'], atLeastZero, 'minutes >= 0'),
    weeks: numberFlag('weeks', values.weeks, positive, 'a positive number'),
    storeId: values.store,
  };
}

/** `--top N`: a positive whole number, or the default. */
export function topFlag(v: string | undefined, dflt: number): number {
  return numberFlag('top', v, (n) => Number.isInteger(n) && n > 0, 'a positive integer') ?? dflt;
}

function numberFlag(
  name: string,
  v: string | undefined,
  ok: (n: number) => boolean,
  what: string,
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !ok(n)) throw new UsageError(`--${name} must be ${what}`);
  return n;
}
