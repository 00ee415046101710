// The checks zod runs on a value after its type matched (min/max, int, lengths, regexes, refinements),
// read into a plan: zod's built-in checks become comparisons the validators inline, anything else is
// run as zod runs it. Order is kept: zod runs checks in order, and a check may replace the value.
import { z } from 'zod';
import * as zc from 'zod/v4/core';

/** The payload a zod check reads and writes: `issues` grows when it fails, `value` may be replaced. */
export interface CheckPayload {
  value: unknown;
  issues: unknown[];
}
/** A check as zod holds it; called exactly as zod calls it (`check._zod.check(payload)`). */
export interface ZodCheckInternals {
  check: (payload: CheckPayload) => unknown;
  def: { when?: ((payload: CheckPayload) => boolean) | undefined };
}

export type CheckPlan =
  | { kind: 'compare'; op: '<' | '<=' | '>' | '>='; value: number }
  | { kind: 'safeint' }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'minLength' | 'maxLength' | 'exactLength'; n: number }
  | { kind: 'regex'; pattern: RegExp }
  /** Anything else (refinements, formats, overwrites): run zod's own check on a payload. */
  | { kind: 'call'; check: ZodCheckInternals };

/** What the checked value is once its type matched: which checks can be inlined depends on it. */
export type CheckSubject = 'string' | 'number' | 'array' | 'other';

interface CheckInternals {
  traits?: Set<string>;
  def: { readonly [key: string]: unknown };
  check?: unknown;
}

// zod gives length checks a default `when` (non-nullish with a length); only that one can be inlined.
const defaultLengthWhen = (z.string().max(1)._zod.def.checks![0] as unknown as { _zod: CheckInternals })._zod
  .def.when;
const { NUMBER_FORMAT_RANGES } = zc.util;

/** The plan of zod checks (each `{ _zod }`), in order; undefined if one has no check function. */
export function planChecks(checks: readonly unknown[], subject: CheckSubject): CheckPlan[] | undefined {
  const out: CheckPlan[] = [];
  let called = false;
  for (const ch of checks) {
    const zod = (ch as { _zod: CheckInternals })._zod;
    // Once a check could have replaced the value, later ones are zod's own too: they see what it left.
    const inline = called ? undefined : inlineCheck(zod, subject);
    if (inline) {
      out.push(...inline);
      continue;
    }
    if (typeof zod?.check !== 'function') return undefined;
    out.push({ kind: 'call', check: zod as unknown as ZodCheckInternals });
    called = true;
  }
  return out;
}

/** The inline equivalent of one of zod's built-in checks, or undefined to call the check itself. */
function inlineCheck(zod: CheckInternals, subject: CheckSubject): CheckPlan[] | undefined {
  const has = (t: string) => zod.traits?.has(t) === true;
  const def = zod.def;
  const when = def.when;
  if (subject === 'number' && when === undefined) {
    if ((has('$ZodCheckLessThan') || has('$ZodCheckGreaterThan')) && typeof def.value === 'number') {
      const less = has('$ZodCheckLessThan');
      const op = less ? (def.inclusive ? '<=' : '<') : def.inclusive ? '>=' : '>';
      return [{ kind: 'compare', op, value: def.value }];
    }
    const range = has('$ZodCheckNumberFormat')
      ? NUMBER_FORMAT_RANGES[def.format as keyof typeof NUMBER_FORMAT_RANGES]
      : undefined;
    if (range) {
      const format = def.format as string;
      const plans: CheckPlan[] = format.includes('int') ? [{ kind: 'safeint' }] : [];
      // A safe integer is within safeint's range, and every finite number within float64's.
      if (format !== 'safeint' && format !== 'float64')
        plans.push({ kind: 'range', min: range[0], max: range[1] });
      return plans;
    }
  }
  if ((subject === 'string' || subject === 'array') && when === defaultLengthWhen) {
    if (has('$ZodCheckMinLength')) return [{ kind: 'minLength', n: def.minimum as number }];
    if (has('$ZodCheckMaxLength')) return [{ kind: 'maxLength', n: def.maximum as number }];
    if (has('$ZodCheckLengthEquals')) return [{ kind: 'exactLength', n: def.length as number }];
  }
  if (subject === 'string' && when === undefined && has('$ZodCheckRegex')) {
    return [{ kind: 'regex', pattern: def.pattern as RegExp }];
  }
  return undefined;
}
