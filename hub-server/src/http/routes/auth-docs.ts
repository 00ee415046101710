// The auth module's routes (mounted from src/auth/) in the OpenAPI document, from its own schemas.
import { z } from 'zod';
import {
  loginBodySchema,
  newTokenBodySchema,
  newUserBodySchema,
  patchUserBodySchema,
} from '../../auth/auth-schemas.js';
import { ALL_ROLES, IT_ONLY, type RouteDoc } from '../api-docs.js';

const auth = (method: RouteDoc['method'], path: string, summary: string, rest: Partial<RouteDoc> = {}) =>
  ({ method, path: `/api/v1/${path}`, summary, tag: 'auth', access: IT_ONLY, ...rest }) satisfies RouteDoc;

export const authDocs: RouteDoc[] = [
  auth('post', 'auth/login', 'Sign in; sets the session cookie', {
    access: 'public',
    body: loginBodySchema,
    errors: [429],
  }),
  auth('post', 'auth/logout', 'Sign out', { access: 'public', okStatus: 204 }),
  auth('get', 'auth/me', 'The signed-in user (401 when none)', { access: ALL_ROLES }),
  auth('get', 'admin/users', 'User accounts'),
  auth('post', 'admin/users', 'Create a user', { body: newUserBodySchema, okStatus: 201, errors: [409] }),
  auth('patch', 'admin/users/{id}', 'Change a user', { body: patchUserBodySchema, errors: [404, 409] }),
  auth('get', 'admin/tokens', 'API tokens (without their secrets)'),
  auth('post', 'admin/tokens', 'Issue an API token (shown once)', {
    body: newTokenBodySchema,
    okStatus: 201,
    errors: [404, 409],
  }),
  auth('delete', 'admin/tokens/{id}', 'Revoke an API token', { okStatus: 204, errors: [404] }),
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (ingest, fleet); an admin session or admin API token',
    tag: 'operations',
    access: IT_ONLY,
    responseType: 'text/plain',
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    tag: 'operations',
    access: 'public',
    response: z.object({ ok: z.boolean(), version: z.string() }),
  },
];
