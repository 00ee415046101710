// Request bodies of the auth and user-admin routes, validated at the edge (400 naming the field).
import { slugSchema, validate } from '@retail/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ROLES, type StoreScope, scopeProblem } from './access.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'must be 2–64 characters: a-z, 0-9, ".", "_", "@" or "-"');

/** For new passwords; logins accept whatever was set before. */
export const newPasswordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

export const roleSchema = z.enum(ROLES);

const storeListSchema = z.array(slugSchema).min(1, 'name at least one store, or use "all"').max(1000);

/** `"all"` or a list of store ids (deduplicated). Not a z.union, so a bad id is reported as `stores[i]`. */
export const storeScopeSchema = z.unknown().transform((v, ctx): StoreScope => {
  if (v === 'all') return 'all';
  const r = storeListSchema.safeParse(v);
  if (r.success) return [...new Set(r.data)];
  for (const issue of r.error.issues) {
    const notAList = issue.code === 'invalid_type' && issue.path.length === 0;
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: notAList ? 'must be "all" or a list of store ids' : issue.message,
    });
  }
  return z.NEVER;
});

export const loginBodySchema = z.strictObject({
  username: z.string().min(1, 'is required').max(128),
  password: z.string().min(1, 'is required').max(1024),
});

export const newUserBodySchema = z
  .strictObject({
    username: usernameSchema,
    role: roleSchema,
    stores: storeScopeSchema,
    password: newPasswordSchema,
  })
  .superRefine((u, ctx) => {
    const problem = scopeProblem(u.role, u.stores);
    if (problem) ctx.addIssue({ code: 'custom', path: ['stores'], message: problem });
  });

export const patchUserBodySchema = z
  .strictObject({
    role: roleSchema.optional(),
    stores: storeScopeSchema.optional(),
    password: newPasswordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, {
    message: 'change at least one of role, stores, password, disabled',
  });

export const newTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  /** Whose role and scope the token carries; the calling admin when absent. */
  userId: z.string().min(1).max(64).optional(),
});

/** The JSON body checked against `schema`; a 400 problem listing each bad field otherwise. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const r = validate(schema, await c.req.json().catch(() => undefined));
  if (!r.ok) throw new HTTPException(400, { message: 'invalid request body', cause: r.issues });
  return r.value;
}
