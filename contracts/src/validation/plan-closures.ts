// The same validator as plan-codegen.ts built from closures, for where code generation is not allowed
// (zod's `jitless`, or a CSP without eval). Each node returns its output value (the input, or what a
// default or a check replaced it with) or NO; writes go through the journal so a failure can undo them.
import * as zc from 'zod/v4/core';
import { BAIL, type MutationJournal } from './mutation-journal.js';
import {
  type CheckPayload,
  type CheckPlan,
  type CheckSubject,
  checkSubject,
  type Plan,
  type PropPlan,
} from './schema-plan.js';

const NO: unique symbol = Symbol('invalid');
type Node = (v: unknown) => unknown;
type Holder = Record<PropertyKey, unknown>;
const { codePointLength, isPlainObject } = zc.util;

const isObject = (v: unknown): v is Holder => typeof v === 'object' && v !== null && !Array.isArray(v);

class Builder {
  constructor(readonly journal: MutationJournal) {}

  write = (holder: Holder, key: PropertyKey, value: unknown): void => this.journal.set(holder, key, value);

  node(p: Plan): Node {
    const base = this.base(p);
    const checks = p.checks.length ? checkRunner(p.checks, checkSubject(p)) : undefined;
    if (!checks) return base;
    return (v) => {
      const out = base(v);
      return out === NO ? NO : checks(out);
    };
  }

  base(p: Plan): Node {
    switch (p.kind) {
      case 'string':
        return (v) => (typeof v === 'string' ? v : NO);
      case 'number':
        return (v) => (Number.isFinite(v) ? v : NO);
      case 'boolean':
        return (v) => (typeof v === 'boolean' ? v : NO);
      case 'any':
        return (v) => v;
      case 'never':
        return () => NO;
      case 'values': {
        const values = p.values;
        return (v) => (values.has(v) ? v : NO);
      }
      case 'object':
        return this.object(p.props, p.unknownKeys);
      case 'array': {
        const element = this.node(p.element);
        const write = this.write;
        return (v) => (Array.isArray(v) ? items(v, () => element, write) : NO);
      }
      case 'tuple': {
        const fixed = p.items.map((item) => this.node(item));
        const rest = p.rest ? this.node(p.rest) : undefined;
        const write = this.write;
        const n = fixed.length;
        const at = (i: number) => (i < n ? fixed[i]! : rest!);
        return (v) =>
          !Array.isArray(v) || (rest ? v.length < n : v.length !== n) ? NO : items(v, at, write);
      }
      case 'record':
        return this.record(this.node(p.key), this.node(p.value));
      case 'union': {
        // zod tries each option on the value as received: a failed option's writes are rolled back.
        const options = p.options.map((option) => this.node(option));
        const journal = this.journal;
        return (v) => {
          const mark = journal.mark();
          for (const option of options) {
            const out = option(v);
            if (out !== NO) return out;
            journal.rollback(mark);
          }
          return NO;
        };
      }
      case 'tagged': {
        const key = p.key;
        // Map.get matches as zod's own discriminator map does.
        const cases = new Map(p.cases.map((c) => [c.value, this.node(c.plan)]));
        return (v) => {
          if (!isObject(v)) return NO;
          const option = cases.get(v[key]);
          return option ? option(v) : NO;
        };
      }
      case 'optional': {
        const inner = this.node(p.inner);
        return p.runOnUndefined ? inner : (v) => (v === undefined ? v : inner(v));
      }
      case 'nullable': {
        const inner = this.node(p.inner);
        return (v) => (v === null ? v : inner(v));
      }
      case 'default': {
        const inner = this.node(p.inner);
        const source = p.source;
        return (v) => {
          const out = v === undefined ? undefined : inner(v);
          return out === undefined ? source.defaultValue : out;
        };
      }
    }
  }

  object(props: PropPlan[], unknownKeys: 'reject' | 'strip' | 'keep'): Node {
    const fields = props.map((p) => ({ key: p.key, presence: p.presence, check: this.node(p.plan) }));
    const known = new Set(props.map((p) => p.key));
    const { write, journal } = this;
    return (v) => {
      if (!isObject(v)) return NO;
      for (const { key, presence, check } of fields) {
        const x = v[key];
        const absent = x === undefined && !(key in v);
        if (absent && presence !== 'defaulted') {
          if (presence === 'required') return NO;
          continue;
        }
        const out = check(x);
        if (out === NO) return NO;
        if (!Object.is(out, x) || absent) write(v, key, out);
      }
      if (unknownKeys === 'keep') journal.remove(v, '__proto__');
      else {
        for (const key in v) {
          if (known.has(key)) continue;
          if (unknownKeys === 'reject') return NO;
          journal.remove(v, key);
        }
      }
      return v;
    };
  }

  record(key: Node, value: Node): Node {
    const { write, journal } = this;
    return (v) => {
      if (!isPlainObject(v)) return NO;
      const holder = v as Holder;
      // zod skips a `__proto__` key (never copied to its output) and non-enumerable keys.
      for (const k of Reflect.ownKeys(holder)) {
        if (k === '__proto__') journal.remove(holder, k);
        else if (Object.prototype.propertyIsEnumerable.call(holder, k)) {
          if (key(k) === NO) return NO;
          const x = holder[k];
          const out = value(x);
          if (out === NO) return NO;
          if (!Object.is(out, x)) write(holder, k, out);
        }
      }
      return v;
    };
  }
}

/** Checks each element of `list` with the node for its index, writing replaced elements back. */
function items(
  list: unknown[],
  nodeAt: (i: number) => Node,
  write: (holder: Holder, key: PropertyKey, value: unknown) => void,
): unknown {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    const out = nodeAt(i)(x);
    if (out === NO) return NO;
    if (!Object.is(out, x)) write(list as unknown as Holder, i, out);
  }
  return list;
}

/** Runs a node's checks in order on one payload, as zod does; returns the (possibly replaced) value or NO. */
function checkRunner(checks: CheckPlan[], subject: CheckSubject): Node {
  const text = subject === 'string';
  const length = (v: unknown, limit: number) => {
    const units = (v as { length: number }).length;
    // zod counts a string's length in code points; only a borderline length needs counting.
    return text && units >= limit && units <= 2 * limit ? codePointLength(v as string) : units;
  };
  return (value) => {
    let v = value;
    let payload: CheckPayload | undefined;
    for (const c of checks) {
      switch (c.kind) {
        case 'compare': {
          const n = v as number;
          const ok =
            c.op === '<'
              ? n < c.value
              : c.op === '<='
                ? n <= c.value
                : c.op === '>'
                  ? n > c.value
                  : n >= c.value;
          if (!ok) return NO;
          break;
        }
        case 'safeint':
          if (!Number.isSafeInteger(v)) return NO;
          break;
        case 'range':
          if ((v as number) < c.min || (v as number) > c.max) return NO;
          break;
        case 'minLength':
          if (length(v, c.n) < c.n) return NO;
          break;
        case 'maxLength':
          if (length(v, c.n + 1) > c.n) return NO;
          break;
        case 'exactLength':
          if (length(v, c.n) !== c.n) return NO;
          break;
        case 'regex':
          c.pattern.lastIndex = 0;
          if (!c.pattern.test(v as string)) return NO;
          break;
        case 'call': {
          payload ??= { value: v, issues: [] };
          if (c.check.def.when && !c.check.def.when(payload)) break;
          if (c.check.check(payload) instanceof Promise) throw BAIL;
          if (payload.issues.length !== 0) return NO;
          v = payload.value;
          break;
        }
      }
    }
    return v;
  };
}

/** A function returning whether `value` is valid, writing zod's output changes into it through `journal`. */
export function buildValidator(plan: Plan, journal: MutationJournal): (value: unknown) => boolean {
  const root = new Builder(journal).node(plan);
  return (value) => {
    const out = root(value);
    if (out === NO) return false;
    // The root has no holder to write a replacement into: let zod produce that value.
    if (!Object.is(out, value)) throw BAIL;
    return true;
  };
}
