// Turns zod issues into messages that name the offending field path, e.g. `fixtures[3].zoneId: …`.
// A field that is missing altogether is reported as `required (string)` rather than zod's
// `Invalid input: expected string, received undefined`, for every schema (set once, here, where
// everything that validates gets its messages from).
import { z } from 'zod';

z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? `required (${issue.expected})` : undefined,
});

export interface FieldIssue {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function describeIssues(error: z.ZodError): string {
  return fieldIssues(error)
    .map((i) => `${i.path}: ${i.message}`)
    .join('\n');
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: fieldIssues(r.error) };
}
