// Time ranges in query strings: [from, to) in epoch milliseconds, and which stored grain to read.
import { z } from 'zod';

export const DAY_MS = 86_400_000;
/** Longest range any route serves: a little over a year of roll-ups. */
export const MAX_RANGE_MS = 400 * DAY_MS;

export const rangeFields = {
  from: z.coerce.number().int().min(0).describe('Start of the range, epoch ms (inclusive).'),
  to: z.coerce.number().int().min(0).describe('End of the range, epoch ms (exclusive).'),
};

export const periodField = z
  .enum(['window', 'hour', 'day'])
  .default('hour')
  .describe('`window`: raw windows (ranges up to a day); `hour`/`day`: the roll-ups.');

export const rollupPeriodField = z
  .enum(['hour', 'day'])
  .default('hour')
  .describe('Which roll-up to read: periods starting inside the range are summed.');

type Range = { from: number; to: number };

/** A strict query object with `from`/`to` plus `extra`, checked for order and length. */
export function rangeQuery<T extends z.ZodRawShape>(extra: T) {
  return z.strictObject({ ...rangeFields, ...extra }).superRefine((value, ctx) => {
    const q = value as Range;
    if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    else if (q.to - q.from > MAX_RANGE_MS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range may span at most 400 days' });
  });
}
