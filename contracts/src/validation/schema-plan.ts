// Reads a zod v4 schema's definition into a small plan of what a value must look like, keeping zod's own
// rules (which keys count as present, when defaults apply, which checks run). Both fast validators are
// generated from this plan; a schema it cannot model faithfully is refused with the reason.
import type { z } from 'zod';
import { type CheckPlan, type CheckSubject, planChecks as planCheckList } from './check-plan.js';

/** `required`: absent fails; `optional`: absent is skipped; `defaulted`: absent gets the default. */
export interface PropPlan {
  key: string;
  presence: 'required' | 'optional' | 'defaulted';
  plan: Plan;
}

export type { CheckPayload, CheckPlan, CheckSubject, ZodCheckInternals } from './check-plan.js';

export type Plan = { checks: CheckPlan[] } & (
  | { kind: 'string' | 'number' | 'boolean' | 'any' | 'never' }
  /** literal, enum, null, undefined: membership in zod's own set of values. */
  | { kind: 'values'; values: ReadonlySet<unknown> }
  /** `reject`: strictObject; `strip`: object (unknown keys dropped); `keep`: looseObject. */
  | { kind: 'object'; props: PropPlan[]; unknownKeys: 'reject' | 'strip' | 'keep' }
  | { kind: 'array'; element: Plan }
  | { kind: 'tuple'; items: Plan[]; rest: Plan | undefined }
  | { kind: 'record'; key: Plan; value: Plan }
  | { kind: 'union'; options: Plan[] }
  | { kind: 'tagged'; key: string; cases: { value: unknown; plan: Plan }[] }
  /** `runOnUndefined`: the inner schema also sees `undefined` (a default inside, or exactOptional). */
  | { kind: 'optional'; inner: Plan; runOnUndefined: boolean }
  | { kind: 'nullable'; inner: Plan }
  /** `source.defaultValue` is read on every fill, as zod does (it returns a fresh clone). */
  | { kind: 'default'; inner: Plan; source: { readonly defaultValue: unknown } }
);

export class UnsupportedSchema extends Error {}

interface Internals {
  def: { readonly [key: string]: unknown; readonly checks?: unknown[] };
  traits: Set<string>;
  optin?: 'optional' | 'defaulted' | undefined;
  optout?: 'optional' | undefined;
  values?: ReadonlySet<unknown> | undefined;
  propValues?: Record<string, ReadonlySet<unknown>> | undefined;
  check?: unknown;
}
type Node = { _zod: Internals };

function unsupported(at: string, what: string): never {
  throw new UnsupportedSchema(`${at || '(root)'}: ${what}`);
}
const child = (def: Internals['def'], key: string): Node => def[key] as Node;

/** The plan of `schema`, or throws `UnsupportedSchema` naming the first part it cannot model. */
export function planSchema(schema: z.ZodType): Plan {
  return planOf(schema as unknown as Node, '');
}

// Schemas being walked: one met again is recursive (zod's memoizer handles cycles; this does not).
const walking = new Set<Node>();

function planOf(s: Node, at: string): Plan {
  if (walking.has(s)) unsupported(at, 'a recursive schema');
  walking.add(s);
  try {
    return planNode(s, at);
  } finally {
    walking.delete(s);
  }
}

function planNode(s: Node, at: string): Plan {
  const zod = s._zod;
  const { def, traits } = zod;
  const has = (t: string) => traits.has(t);
  if (def.coerce) unsupported(at, `coerced ${String(def.type)}`);
  if (has('$ZodString')) return { kind: 'string', checks: planChecks(s, 'string', at) };
  if (has('$ZodNumber')) return { kind: 'number', checks: planChecks(s, 'number', at) };
  if (has('$ZodBoolean')) return { kind: 'boolean', checks: planChecks(s, 'other', at) };
  if (has('$ZodLiteral') || has('$ZodEnum') || has('$ZodNull') || has('$ZodUndefined')) {
    return { kind: 'values', values: zod.values!, checks: planChecks(s, 'other', at) };
  }
  if (has('$ZodVoid'))
    return { kind: 'values', values: new Set([undefined]), checks: planChecks(s, 'other', at) };
  if (has('$ZodAny') || has('$ZodUnknown')) return { kind: 'any', checks: planChecks(s, 'other', at) };
  if (has('$ZodNever')) return { kind: 'never', checks: [] };
  if (has('$ZodObject')) return planObject(s, at);
  if (has('$ZodArray')) {
    return {
      kind: 'array',
      element: planOf(child(def, 'element'), `${at}[]`),
      checks: planChecks(s, 'array', at),
    };
  }
  if (has('$ZodTuple')) return planTuple(s, at);
  if (has('$ZodRecord')) return planRecord(s, at);
  if (has('$ZodDiscriminatedUnion')) return planTagged(s, at);
  if (has('$ZodXor')) unsupported(at, 'exclusive union (xor)');
  if (has('$ZodUnion')) {
    const options = (def.options as Node[]).map((o, i) => planOf(o, `${at}|${i}`));
    return { kind: 'union', options, checks: planChecks(s, 'other', at) };
  }
  if (has('$ZodExactOptional') || has('$ZodOptional')) {
    const inner = child(def, 'innerType');
    const runOnUndefined = has('$ZodExactOptional') || inner._zod.optin === 'defaulted';
    return { kind: 'optional', inner: planOf(inner, at), runOnUndefined, checks: planChecks(s, 'other', at) };
  }
  if (has('$ZodNullable')) {
    return {
      kind: 'nullable',
      inner: planOf(child(def, 'innerType'), at),
      checks: planChecks(s, 'other', at),
    };
  }
  if (has('$ZodDefault')) {
    const inner = planOf(child(def, 'innerType'), at);
    return {
      kind: 'default',
      inner,
      source: def as { defaultValue: unknown },
      checks: planChecks(s, 'other', at),
    };
  }
  return unsupported(at, `${String(def.type)} schemas`);
}

function planObject(s: Node, at: string): Plan {
  const def = s._zod.def;
  const shape = def.shape as Record<string, Node>;
  if (Object.getOwnPropertySymbols(shape).length > 0) unsupported(at, 'symbol keys');
  const props: PropPlan[] = Object.keys(shape).map((key) => {
    if (key === '__proto__') unsupported(at, 'a "__proto__" key in the shape');
    const el = shape[key]!._zod;
    const plan = planOf(shape[key]!, at ? `${at}.${key}` : key);
    if (el.optin === undefined) return { key, presence: 'required', plan };
    if (el.optin === 'optional' && el.optout === 'optional') return { key, presence: 'optional', plan };
    if (el.optin === 'defaulted' && el.optout !== 'optional') return { key, presence: 'defaulted', plan };
    return unsupported(`${at}.${key}`, `optin ${el.optin} with optout ${el.optout}`);
  });
  const catchall = def.catchall as Node | undefined;
  let unknownKeys: 'reject' | 'strip' | 'keep' = 'strip';
  if (catchall) {
    const c = catchall._zod;
    if (c.def.type === 'never') unknownKeys = 'reject';
    else if ((c.traits.has('$ZodUnknown') || c.traits.has('$ZodAny')) && !c.def.checks?.length)
      unknownKeys = 'keep';
    else unsupported(at, `a ${String(c.def.type)} catchall`);
  }
  return { kind: 'object', props, unknownKeys, checks: planChecks(s, 'other', at) };
}

function planTuple(s: Node, at: string): Plan {
  const def = s._zod.def;
  const items = (def.items as Node[]).map((item, i) => {
    if (item._zod.optin !== undefined || item._zod.optout !== undefined)
      unsupported(`${at}[${i}]`, 'optional tuple item');
    return planOf(item, `${at}[${i}]`);
  });
  const rest = def.rest ? planOf(def.rest as Node, `${at}[...]`) : undefined;
  // With a rest element zod does not check the length, it runs each item on what is there.
  if (rest && items.some(acceptsUndefined)) unsupported(at, 'tuple item accepting undefined before a rest');
  return { kind: 'tuple', items, rest, checks: planChecks(s, 'array', at) };
}

function planRecord(s: Node, at: string): Plan {
  const def = s._zod.def;
  const keyType = child(def, 'keyType');
  if (def.mode === 'loose') unsupported(at, 'loose record');
  const key = planOf(keyType, `${at}{key}`);
  // A plain string key schema: zod's numeric-key retry can never succeed, and the key is kept as is.
  if (key.kind !== 'string' || keyType._zod.values || key.checks.some((c) => c.kind === 'call')) {
    unsupported(at, 'record keys other than a plain checked string');
  }
  return {
    kind: 'record',
    key,
    value: planOf(child(def, 'valueType'), `${at}{}`),
    checks: planChecks(s, 'other', at),
  };
}

function planTagged(s: Node, at: string): Plan {
  const def = s._zod.def;
  const key = def.discriminator as string;
  if (def.unionFallback) unsupported(at, 'discriminated union with unionFallback');
  // The same lookup zod builds: each option's values of the discriminator; a value two options claim matches none.
  const owner = new Map<unknown, number | null>();
  const options = def.options as Node[];
  options.forEach((option, i) => {
    const values = option._zod.propValues?.[key];
    if (!values || values.size === 0) unsupported(at, `option ${i} has no discriminator value`);
    for (const value of values) {
      if (typeof value === 'number' && Number.isNaN(value)) unsupported(at, 'NaN discriminator');
      owner.set(value, owner.has(value) ? null : i);
    }
  });
  const plans = options.map((o, i) => planOf(o, `${at}<${i}>`));
  const cases = [...owner].flatMap(([value, i]) => (i === null ? [] : [{ value, plan: plans[i]! }]));
  return { kind: 'tagged', key, cases, checks: planChecks(s, 'other', at) };
}

/** Whether a value of this plan may be `undefined` (so presence has to be asked with `in`). */
export function acceptsUndefined(p: Plan): boolean {
  switch (p.kind) {
    case 'any':
    case 'optional':
    case 'default':
      return true;
    case 'values':
      return p.values.has(undefined);
    case 'nullable':
      return acceptsUndefined(p.inner);
    case 'union':
      return p.options.some(acceptsUndefined);
    default:
      return false;
  }
}

/** What a plan's checks see once its type matched. */
export function checkSubject(p: Plan): CheckSubject {
  if (p.kind === 'string' || p.kind === 'number') return p.kind;
  return p.kind === 'array' || p.kind === 'tuple' ? 'array' : 'other';
}

/** zod runs a schema that is itself a check (string formats, z.int()) first, then `def.checks` in order. */
function planChecks(s: Node, subject: CheckSubject, at: string): CheckPlan[] {
  const all = [...(s._zod.traits.has('$ZodCheck') ? [s] : []), ...(s._zod.def.checks ?? [])];
  return planCheckList(all, subject) ?? unsupported(at, 'a check without a check function');
}
