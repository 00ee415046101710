// A fast yes/no check of JSON.parse output against a zod schema, built from the schema's own definition
// so zod stays the single source of truth. It accepts exactly what the schema's safeParse accepts and,
// on success, leaves the value equal to zod's output (defaults filled in place). It never builds error
// messages: on failure the value is left untouched and the caller asks zod's safeParse for the issues.
import { z } from 'zod';
import * as zc from 'zod/v4/core';
import { type FastCheckResult, MutationJournal } from './mutation-journal.js';
import { buildValidator } from './plan-closures.js';
import { generateValidator } from './plan-codegen.js';
import { planSchema, UnsupportedSchema } from './schema-plan.js';

export type { FastCheckResult } from './mutation-journal.js';

/**
 * `{ ok: true, filledDefaults }` when zod would accept `value`; `value` (which must be fresh JSON.parse
 * output: plain data, no shared references) is then zod's output, changed in place when
 * `filledDefaults` (defaults filled, unknown keys of non-strict objects dropped, values a check
 * normalised), else left as parsed. `{ ok: false }` when zod would reject it, or to leave the decision
 * to zod (an async or throwing refinement, a replaced root); `value` is then as it was.
 */
export type FastCheck = ((value: unknown) => FastCheckResult) & { readonly backend: ResolvedBackend };

/** `generated`: one function from `new Function` (zod's JIT approach); `closures`: no code generation. */
export type ValidatorBackend = 'auto' | ResolvedBackend;
type ResolvedBackend = 'generated' | 'closures';

export interface CompileValidatorOptions {
  /** `auto` generates code unless zod is configured `jitless` or the runtime forbids eval. */
  backend?: ValidatorBackend;
}

/**
 * A fast check equivalent to `schema.safeParse(value).success`, or undefined when the schema uses
 * something it does not model (transforms, pipes, catch, lazy, intersections…): use zod then.
 * Refinements run as zod runs them; they must not change the value they are given in place.
 */
export function compileValidator(
  schema: z.ZodType,
  options: CompileValidatorOptions = {},
): FastCheck | undefined {
  let plan: ReturnType<typeof planSchema>;
  try {
    plan = planSchema(schema);
  } catch (e) {
    if (e instanceof UnsupportedSchema) return undefined;
    throw e;
  }
  const journal = new MutationJournal();
  const backend = resolveBackend(options.backend ?? 'auto');
  const validate = backend === 'generated' ? generateValidator(plan, journal) : buildValidator(plan, journal);
  return Object.assign((value: unknown) => journal.run(validate, value), { backend });
}

/** Why `compileValidator(schema)` returns undefined (the first unsupported part and where), if it does. */
export function uncompilableReason(schema: z.ZodType): string | undefined {
  try {
    planSchema(schema);
    return undefined;
  } catch (e) {
    if (e instanceof UnsupportedSchema) return e.message;
    throw e;
  }
}

function resolveBackend(backend: ValidatorBackend): ResolvedBackend {
  if (backend !== 'auto') return backend;
  return z.config().jitless || !zc.util.allowsEval.value ? 'closures' : 'generated';
}
