// Differential check of a fast validator against zod on one JSON text: each gets its own JSON.parse of
// it, and they must agree on accept/reject, on the output, on whether the value was changed, and a
// rejected value must come back untouched.
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { FastCheck } from '../validation/compiled-validator.js';

export interface Differential {
  /** Whether zod accepted the text. */
  accepted: boolean;
  /** What the fast check did differently, if anything. */
  problem?: string;
}

export function compareWithZod(schema: z.ZodType, check: FastCheck, text: string): Differential {
  const expected = schema.safeParse(JSON.parse(text));
  const value: unknown = JSON.parse(text);
  const got = check(value);
  const accepted = expected.success;
  const untouched = isDeepStrictEqual(value, JSON.parse(text)) && JSON.stringify(value) === text;
  if (got.ok !== accepted)
    return { accepted, problem: `zod ${accepted ? 'accepts' : 'rejects'}, the fast check not` };
  if (!got.ok)
    return untouched
      ? { accepted }
      : { accepted, problem: `a rejected value was changed: ${JSON.stringify(value)}` };
  if (!isDeepStrictEqual(value, expected.data)) {
    return {
      accepted,
      problem: `output ${JSON.stringify(value)} differs from zod's ${JSON.stringify(expected.data)}`,
    };
  }
  if (got.filledDefaults === isDeepStrictEqual(value, JSON.parse(text))) {
    return { accepted, problem: `filledDefaults is ${got.filledDefaults} for ${JSON.stringify(value)}` };
  }
  return { accepted };
}
