// Each route is described once, by the zod schemas it validates with; the OpenAPI 3.1 document is
// generated from those descriptions (z.toJSONSchema), and so are the role checks, so what the
// document says and what the route enforces cannot drift apart.
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ROLES, type Role } from '../auth/access.js';
import { type AuthEnv, requireRole } from '../auth/auth-middleware.js';
import { problemSchema } from './problem.js';

export const ALL_ROLES: readonly Role[] = ROLES;
export const ANALYSTS: readonly Role[] = ['admin', 'merchandiser'];
export const IT_ONLY: readonly Role[] = ['admin'];

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form, e.g. `/api/v1/stores/{storeId}/heatmap`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: roles (session or API token), the till's POS token, or anyone. */
  access: readonly Role[] | 'till' | 'public';
  query?: z.ZodType;
  body?: z.ZodType;
  /** Media type of a non-JSON body, e.g. `text/csv`. */
  bodyType?: string;
  response?: z.ZodType;
  /** Success status when not 200. */
  okStatus?: 201 | 202 | 204;
  /** Media type of a non-JSON response (`text/csv`, `image/png`, `text/event-stream`). */
  responseType?: string;
  /** Error statuses beyond 400/401/403 worth listing (404, 409, 503…). */
  errors?: number[];
}

/** Middleware enforcing a route's documented roles (after `authenticate`). */
export function allow(doc: RouteDoc): MiddlewareHandler<AuthEnv> {
  if (!Array.isArray(doc.access)) throw new Error(`${doc.path}: allow() needs a role list`);
  return requireRole(...(doc.access as Role[]));
}

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parametersOf(doc: RouteDoc): JsonSchema[] {
  const out: JsonSchema[] = [...doc.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
  }));
  if (!doc.query) return out;
  const q = toSchema(doc.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  for (const [name, schema] of Object.entries(q.properties ?? {})) {
    const { description, ...rest } = schema;
    out.push({
      name,
      in: 'query',
      required: q.required?.includes(name) ?? false,
      schema: rest,
      ...(description !== undefined && { description }),
    });
  }
  return out;
}

function operationOf(doc: RouteDoc): JsonSchema {
  const roles = Array.isArray(doc.access) ? doc.access.join(', ') : doc.access;
  const errors = new Set([400, ...(doc.access === 'public' ? [] : [401, 403]), ...(doc.errors ?? [])]);
  return {
    tags: [doc.tag],
    summary: doc.summary,
    description: `Access: ${roles}.`,
    parameters: parametersOf(doc),
    ...(doc.access !== 'public' && {
      security: doc.access === 'till' ? [{ posToken: [] }] : [{ sessionCookie: [] }, { bearerToken: [] }],
    }),
    ...(doc.body && {
      requestBody: {
        required: true,
        content: { [doc.bodyType ?? 'application/json']: { schema: toSchema(doc.body, 'input') } },
      },
    }),
    responses: {
      [String(doc.okStatus ?? 200)]: {
        description: 'OK',
        ...((doc.response || doc.responseType) && {
          content: {
            [doc.responseType ?? 'application/json']: {
              schema: doc.response ? toSchema(doc.response, 'output') : { type: 'string' },
            },
          },
        }),
      },
      ...Object.fromEntries(
        [...errors].map((s) => [
          String(s),
          {
            description: 'Problem',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}

export function openApiDocument(docs: readonly RouteDoc[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const doc of docs) paths[doc.path] = { ...paths[doc.path], [doc.method]: operationOf(doc) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Retail analytics hub API',
      version,
      description:
        'Store heatmaps, zone KPIs, entrance counts, analytics, fleet and imports. Errors are RFC 9457 problem JSON; `errors[].path` names each bad field.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: toSchema(problemSchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hub_session' },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from /api/v1/admin/tokens.',
        },
        posToken: { type: 'http', scheme: 'bearer', description: 'The till token (`http.posToken`).' },
      },
    },
  };
}
