// Turns a schema plan into one straight-line JS function (via `new Function`, as zod's own JIT does):
// each node is a few `if (...) return false;` lines, nested objects and arrays are inlined, union
// options become helper functions. Writes go through the journal so a failure can undo them.
import * as zc from 'zod/v4/core';
import { BAIL, type MutationJournal } from './mutation-journal.js';
import {
  acceptsUndefined,
  type CheckPlan,
  type CheckSubject,
  checkSubject,
  type Plan,
  type PropPlan,
} from './schema-plan.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const GIVE_UP = 'throw B;';

function access(holder: string, key: string): string {
  return IDENTIFIER.test(key) ? `${holder}.${key}` : `${holder}[${JSON.stringify(key)}]`;
}

function numberLiteral(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return Number.isFinite(x) ? String(x) : String(x).replace('Infinity', '(1/0)');
}

/** A JS literal for a primitive that `===` compares as zod's Set does (not NaN), or undefined. */
function primitiveLiteral(x: unknown): string | undefined {
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'boolean' || x === null || x === undefined) return String(x);
  if (typeof x === 'number' && !Number.isNaN(x)) return numberLiteral(x);
  if (typeof x === 'bigint') return `${x}n`;
  return undefined;
}

/** Where a node's value lives, to write a replacement back: `holder[key]`; null at the root. */
type Place = { holder: string; key: string } | null;

function store(place: Place, v: string): string {
  return place ? `J.set(${place.holder}, ${place.key}, ${v});` : GIVE_UP;
}

class Emitter {
  readonly refs: unknown[] = [];
  readonly helpers: string[] = [];
  #names = 0;

  ref(x: unknown): string {
    return `R[${this.refs.push(x) - 1}]`;
  }
  name(prefix: string): string {
    return `${prefix}${this.#names++}`;
  }

  /** Code that returns false unless variable `v` is valid; a replaced value is written back to `place`. */
  node(p: Plan, v: string, place: Place): string {
    return (
      this.base(p, v, place) + (p.kind === 'array' ? '' : this.checks(p.checks, v, place, checkSubject(p)))
    );
  }

  base(p: Plan, v: string, place: Place): string {
    switch (p.kind) {
      case 'string':
        return `if (typeof ${v} !== "string") return false;`;
      case 'number':
        // A safe-integer check also rejects non-numbers and non-finite ones.
        return p.checks[0]?.kind === 'safeint' ? '' : `if (!Number.isFinite(${v})) return false;`;
      case 'boolean':
        return `if (typeof ${v} !== "boolean") return false;`;
      case 'any':
        return '';
      case 'never':
        return 'return false;';
      case 'values':
        return this.values(p.values, v);
      case 'object':
        return this.object(p.props, p.unknownKeys, v);
      case 'array':
        return this.array(p.element, p.checks, v, place);
      case 'tuple':
        return this.tuple(p.items, p.rest, v);
      case 'record':
        return this.record(p.key, p.value, v);
      case 'union':
        return this.union(p.options, v, place);
      case 'tagged': {
        const cases = p.cases.map((c) => {
          const label = primitiveLiteral(c.value) ?? this.ref(c.value);
          return `case ${label}: {${this.node(c.plan, v, place)} break;}`;
        });
        const test = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;`;
        return `${test}switch (${access(v, p.key)}) {${cases.join('')} default: return false;}`;
      }
      case 'optional': {
        const inner = this.node(p.inner, v, place);
        return p.runOnUndefined ? inner : `if (${v} !== undefined) {${inner}}`;
      }
      case 'nullable':
        return `if (${v} !== null) {${this.node(p.inner, v, place)}}`;
      case 'default': {
        const fill = `${v} = ${this.ref(p.source)}.defaultValue; ${store(place, v)}`;
        const inner = this.node(p.inner, v, place);
        // zod also fills when the inner schema turned a value into undefined.
        const after = acceptsUndefined(p.inner) ? ` if (${v} === undefined) {${fill}}` : '';
        return `if (${v} === undefined) {${fill}} else {${inner}${after}}`;
      }
    }
  }

  values(values: ReadonlySet<unknown>, v: string): string {
    const list = [...values];
    const literals = list.map(primitiveLiteral);
    if (list.length > 8 || literals.some((l) => l === undefined))
      return `if (!${this.ref(values)}.has(${v})) return false;`;
    if (list.length === 0) return 'return false;';
    return `if (${literals.map((l) => `${v} !== ${l}`).join(' && ')}) return false;`;
  }

  object(props: PropPlan[], unknownKeys: 'reject' | 'strip' | 'keep', v: string): string {
    let code = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;`;
    for (const prop of props) {
      const pv = this.name('v');
      const key = JSON.stringify(prop.key);
      const place = { holder: v, key };
      const inner = this.node(prop.plan, pv, place);
      code += `let ${pv} = ${access(v, prop.key)};`;
      const absent = `${pv} === undefined && !(${key} in ${v})`;
      if (prop.presence === 'required')
        code += (acceptsUndefined(prop.plan) ? `if (${absent}) return false;` : '') + inner;
      else if (prop.presence === 'optional') code += `if (!(${absent})) {${inner}}`;
      else code += `${inner} if (${absent}) {${store(place, pv)}}`;
    }
    const k = this.name('k');
    const known = props.length
      ? `switch (${k}) {${props.map((p) => `case ${JSON.stringify(p.key)}:`).join(' ')} continue;}`
      : '';
    if (unknownKeys === 'reject') code += `for (const ${k} in ${v}) {${known} return false;}`;
    else if (unknownKeys === 'strip') code += `for (const ${k} in ${v}) {${known} J.remove(${v}, ${k});}`;
    else code += `J.remove(${v}, "__proto__");`;
    return code;
  }

  array(element: Plan, checks: CheckPlan[], v: string, place: Place): string {
    // Length checks ahead of any zod-run check depend only on the length: run them before the elements.
    const split = checks.findIndex(
      (c) => c.kind !== 'minLength' && c.kind !== 'maxLength' && c.kind !== 'exactLength',
    );
    const early = split < 0 ? checks : checks.slice(0, split);
    const late = split < 0 ? [] : checks.slice(split);
    const i = this.name('i');
    const e = this.name('v');
    const each = `let ${e} = ${v}[${i}];${this.node(element, e, { holder: v, key: i })}`;
    return (
      `if (!Array.isArray(${v})) return false;${this.checks(early, v, place, 'array')}` +
      `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {${each}}${this.checks(late, v, place, 'array')}`
    );
  }

  tuple(items: Plan[], rest: Plan | undefined, v: string): string {
    const n = items.length;
    let code = `if (!Array.isArray(${v}) || ${v}.length ${rest ? '<' : '!=='} ${n}) return false;`;
    items.forEach((item, index) => {
      const e = this.name('v');
      code += `{let ${e} = ${v}[${index}];${this.node(item, e, { holder: v, key: String(index) })}}`;
    });
    if (rest) {
      const i = this.name('i');
      const e = this.name('v');
      const each = `let ${e} = ${v}[${i}];${this.node(rest, e, { holder: v, key: i })}`;
      code += `for (let ${i} = ${n}; ${i} < ${v}.length; ${i}++) {${each}}`;
    }
    return code;
  }

  record(keyPlan: Plan, valuePlan: Plan, v: string): string {
    const k = this.name('k');
    const x = this.name('v');
    // zod skips a `__proto__` key (never copied to its output) and non-enumerable keys.
    return (
      `if (!P(${v})) return false;` +
      `for (let ${k} of Reflect.ownKeys(${v})) {` +
      `if (${k} === "__proto__") {J.remove(${v}, ${k}); continue;}` +
      `if (!Object.prototype.propertyIsEnumerable.call(${v}, ${k})) continue;` +
      `${this.node(keyPlan, k, null)} let ${x} = ${v}[${k}];${this.node(valuePlan, x, { holder: v, key: k })}}`
    );
  }

  /** zod tries each option on the value as received: a failed option's writes are rolled back. */
  union(options: Plan[], v: string, place: Place): string {
    const m = this.name('m');
    let chain = 'return false;';
    for (const option of [...options].reverse()) {
      const f = this.name('u');
      const inner = this.node(option, 'v', place && { holder: 'h', key: 'k' });
      this.helpers.push(`function ${f}(v, h, k) {${inner} return true;}`);
      chain = `if (!${f}(${v}${place ? `, ${place.holder}, ${place.key}` : ''})) {J.rollback(${m}); ${chain}}`;
    }
    // An option may have replaced the value in its place.
    const reread = place ? `${v} = ${place.holder}[${place.key}];` : '';
    return `const ${m} = J.mark(); ${chain}${reread}`;
  }

  checks(checks: CheckPlan[], v: string, place: Place, subject: CheckSubject): string {
    let code = '';
    let payload: string | undefined;
    const text = subject === 'string';
    for (const c of checks) {
      switch (c.kind) {
        case 'compare':
          code += `if (!(${v} ${c.op} ${numberLiteral(c.value)})) return false;`;
          break;
        case 'safeint':
          code += `if (!Number.isSafeInteger(${v})) return false;`;
          break;
        case 'range':
          code += `if (${v} < ${numberLiteral(c.min)} || ${v} > ${numberLiteral(c.max)}) return false;`;
          break;
        // zod counts a string's length in code points (C); only a borderline length needs counting.
        case 'minLength':
          code += text
            ? `if (${v}.length < ${c.n} || (${v}.length < ${2 * c.n} && C(${v}) < ${c.n})) return false;`
            : `if (${v}.length < ${c.n}) return false;`;
          break;
        case 'maxLength':
          code += text
            ? `if (${v}.length > ${c.n} && C(${v}) > ${c.n}) return false;`
            : `if (${v}.length > ${c.n}) return false;`;
          break;
        case 'exactLength':
          code += text
            ? `if (${v}.length < ${c.n} || ${v}.length > ${2 * c.n} || C(${v}) !== ${c.n}) return false;`
            : `if (${v}.length !== ${c.n}) return false;`;
          break;
        case 'regex': {
          const re = this.ref(c.pattern);
          const reset = c.pattern.global || c.pattern.sticky ? `${re}.lastIndex = 0;` : '';
          code += `${reset}if (!${re}.test(${v})) return false;`;
          break;
        }
        case 'call': {
          if (!payload) {
            payload = this.name('p');
            code += `const ${payload} = { value: ${v}, issues: [] };`;
          }
          const ch = this.ref(c.check);
          // As zod: an async check cannot run in a sync parse (zod throws), issues fail, a new value replaces.
          const run =
            `if (${ch}.check(${payload}) instanceof Promise) throw B;` +
            `if (${payload}.issues.length !== 0) return false;` +
            `if (!Object.is(${payload}.value, ${v})) {${v} = ${payload}.value; ${store(place, v)}}`;
          code += c.check.def.when ? `if (${ch}.def.when(${payload})) {${run}}` : run;
          break;
        }
      }
    }
    return code;
  }
}

/** A function returning whether `value` is valid, writing zod's output changes into it through `journal`. */
export function generateValidator(plan: Plan, journal: MutationJournal): (value: unknown) => boolean {
  const emitter = new Emitter();
  const body = emitter.node(plan, 'v', null);
  const source = `"use strict";\n${emitter.helpers.join('\n')}\nreturn function validate(v) {${body} return true;};`;
  const factory = new Function('R', 'J', 'B', 'C', 'P', source);
  return factory(emitter.refs, journal, BAIL, zc.util.codePointLength, zc.util.isPlainObject);
}
