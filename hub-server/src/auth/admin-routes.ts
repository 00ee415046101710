// /api/v1/admin — user accounts and API tokens, for admins only. The sub-app authenticates and
// checks the role itself on its own paths (not `*`, which would reach sibling routes when mounted
// at a shared prefix), so it is safe however it is mounted.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { scopeProblem } from './access.js';
import { type AuthEnv, authenticate, principalOf, requireRole } from './auth-middleware.js';
import type { AuthOptions } from './auth-options.js';
import { newTokenBodySchema, newUserBodySchema, parseBody, patchUserBodySchema } from './auth-schemas.js';
import { hashPassword } from './password-hash.js';

export function adminRoutes(o: AuthOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  for (const path of ['/users/*', '/tokens/*']) app.use(path, authenticate(o), requireRole('admin'));

  app.get('/users', async (c) => c.json({ users: await o.users.list() }));

  app.post('/users', async (c) => {
    const { password, ...u } = await parseBody(c, newUserBodySchema);
    const user = await o.users.createUser(
      { ...u, passwordHash: await hashPassword(password, o.scrypt) },
      o.now(),
    );
    if (!user) throw fieldError(409, 'username taken', 'username', `"${u.username}" already exists`);
    return c.json({ user }, 201);
  });

  app.patch('/users/:id', async (c) => {
    const userId = c.req.param('id');
    const patch = await parseBody(c, patchUserBodySchema);
    const current = await o.users.get(userId);
    if (!current) throw new HTTPException(404, { message: `no user "${userId}"` });
    // An admin cannot lock themselves out; another admin has to do it.
    if (userId === principalOf(c).userId && (patch.disabled || (patch.role && patch.role !== 'admin')))
      throw new HTTPException(409, {
        message: 'you cannot disable your own account or give up your admin role',
      });
    const problem = scopeProblem(patch.role ?? current.role, patch.stores ?? current.stores);
    if (problem) throw fieldError(400, 'invalid request body', 'stores', problem);
    const { password, ...rest } = patch;
    const user = await o.users.update(
      userId,
      { ...rest, ...(password !== undefined && { passwordHash: await hashPassword(password, o.scrypt) }) },
      o.now(),
    );
    return c.json({ user });
  });

  app.get('/tokens', async (c) => c.json({ tokens: await o.users.listTokens() }));

  // The token is in this response and nowhere else: the hub keeps only its hash.
  app.post('/tokens', async (c) => {
    const body = await parseBody(c, newTokenBodySchema);
    const ownerId = body.userId ?? principalOf(c).userId;
    const owner = await o.users.get(ownerId);
    if (!owner) throw fieldError(404, 'no such user', 'userId', `no user "${ownerId}"`);
    if (owner.disabledAt !== null) throw fieldError(409, 'user disabled', 'userId', 'the user is disabled');
    const token = await o.users.createToken(owner.userId, body.name, o.now());
    return c.json({ token }, 201);
  });

  app.delete('/tokens/:id', async (c) => {
    const tokenId = c.req.param('id');
    if (!(await o.users.revokeToken(tokenId, o.now())))
      throw new HTTPException(404, { message: `no active token "${tokenId}"` });
    return c.body(null, 204);
  });

  return app;
}

function fieldError(status: 400 | 404 | 409, message: string, path: string, detail: string): HTTPException {
  return new HTTPException(status, { message, cause: [{ path, message: detail }] });
}
