// Time ranges in query strings: [from, to) as epoch milliseconds or ISO 8601 date-times with an
// offset, and which stored grain to read.
import { z } from 'zod';

export const DAY_MS = 86_400_000;
/** Longest range any route serves: a little over a year of roll-ups. */
export const MAX_RANGE_MS = 400 * DAY_MS;

const EPOCH_MS = /^\d{1,15}$/;
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * An instant in a query string: epoch milliseconds, or an ISO 8601 date-time with `Z` or an offset
 * (a bare date or local time is refused: whose midnight it means depends on the store's time zone).
 */
function instant(description: string) {
  return z
    .string()
    .refine((s) => EPOCH_MS.test(s) || isoDateTime.safeParse(s).success, {
      message:
        'expected epoch milliseconds or an ISO 8601 date-time with an offset, e.g. 2026-11-24T00:00:00Z',
    })
    .transform((s) => (EPOCH_MS.test(s) ? Number(s) : Date.parse(s)))
    .describe(description);
}

export const rangeFields = {
  from: instant('Start of the range (inclusive): epoch ms, or ISO 8601 with an offset.'),
  to: instant('End of the range (exclusive): epoch ms, or ISO 8601 with an offset.'),
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
