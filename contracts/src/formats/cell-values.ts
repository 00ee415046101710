// Turns one cell's text into a typed value, or into an "expected …, got …" message for the issue.
// Stricter than Number(): '', ' ', '0x1f', 'Infinity' and '1,5' are not numbers in a data file.

export type ValueResult<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_SHOWN = 40;

/** A bad value as shown in messages: quoted and escaped; garbage and control characters stay readable. */
export function describeText(text: string): string {
  if (text === '') return 'an empty value';
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

export function expected<T>(what: string, text: string): ValueResult<T> {
  return { ok: false, message: `expected ${what}, got ${describeText(text)}` };
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite decimal number, or undefined. -0 becomes 0 so that equal rows compare equal. */
export function decimalOf(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 ? 0 : n;
}

export interface NumberRule {
  /** What the number means, for messages: 'a number of dBm', 'an integer frame number'. */
  what: string;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (widths must be > 0). */
  aboveMin?: boolean;
  /** Integer-valued (1 and 1.0 both pass; 1.5 does not). */
  integer?: boolean;
}

function describeRule(rule: NumberRule): string {
  const { min, max } = rule;
  const open = rule.aboveMin ? '(' : '[';
  if (min !== undefined && max !== undefined) return `${rule.what} in ${open}${min}, ${max}]`;
  if (min !== undefined) return `${rule.what} ${rule.aboveMin ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${rule.what} <= ${max}`;
  return rule.what;
}

export function numberValue(text: string, rule: NumberRule): ValueResult<number> {
  const n = decimalOf(text);
  const whole = n !== undefined && (!rule.integer || Number.isSafeInteger(n));
  const low = rule.min === undefined || (rule.aboveMin ? n! > rule.min : n! >= rule.min);
  const high = rule.max === undefined || n! <= rule.max;
  return whole && low && high ? { ok: true, value: n } : expected(describeRule(rule), text);
}

/** A required text cell: non-empty, and no longer than the contract allows when it sets a limit. */
export function textValue(text: string, what: string, maxLength?: number | null): ValueResult<string> {
  if (text === '') return expected(what, text);
  if (maxLength != null && text.length > maxLength) {
    return expected(`${what} of at most ${maxLength} characters`, text);
  }
  return { ok: true, value: text };
}

/** Optional cells: missing or empty means absent; anything else must parse. */
export function optionalValue<T>(
  text: string | undefined,
  parse: (text: string) => ValueResult<T>,
): ValueResult<T | undefined> {
  return text === undefined || text === '' ? { ok: true, value: undefined } : parse(text);
}
