// Validation at the HTTP edge: query strings, JSON bodies and path parameters are checked against
// zod schemas, and a failure is a 400 problem whose `errors` name each bad field.
import { type FieldIssue, formatPath, slugSchema, validate } from '@retail/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';

/** Parses `input`; on failure a 400 whose errors name each field (an unknown key by its own name). */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues: FieldIssue[] = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: formatPath([...i.path, k]), message: 'is not a known field' }))
      : [{ path: formatPath(i.path), message: i.message }],
  );
  throw new HTTPException(400, { message, cause: issues });
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseOr400(schema, c.req.query(), 'invalid query');
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const body = await c.req.json().catch(() => undefined);
  if (body === undefined)
    throw new HTTPException(400, {
      message: 'invalid request body',
      cause: [{ path: '(root)', message: 'a JSON body is required' }],
    });
  return parseOr400(schema, body, 'invalid request body');
}

/** A path parameter that must be a slug (store, gateway, experiment ids). */
export function slugParam(c: Context, name: string, schema: z.ZodType<string> = slugSchema): string {
  const r = validate(schema, c.req.param(name));
  if (!r.ok) throw fieldError(400, `invalid ${name}`, name, r.issues[0]!.message);
  return r.value;
}

export function storeIdParam(c: Context): string {
  return slugParam(c, 'storeId');
}

export function fieldError(status: 400 | 404 | 409, message: string, path: string, detail: string) {
  return new HTTPException(status, { message, cause: [{ path, message: detail }] });
}
