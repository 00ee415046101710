// Sign-in, sessions, tokens, roles and store scope through app.request() on a small app assembled
// the way the hub mounts them, over every storage backend.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, dumpAllTables, openRepo } from '../../test/backends.js';
import { problem } from '../http/problem.js';
import type { HubRepository } from '../storage/repository.js';
import { adminRoutes } from './admin-routes.js';
import { type AuthEnv, authenticate, principalOf, storeScope } from './auth-middleware.js';
import { type AuthOptions, authOptions } from './auth-options.js';
import { authRoutes } from './auth-routes.js';
import { ensureUsers } from './bootstrap-users.js';
import type { ScryptParams } from './password-hash.js';

const FAST: ScryptParams = { N: 1024, r: 8, p: 1, keyLength: 32 };
const T0 = 1_800_000_000_000;
const MIN = 60_000;
const PASSWORDS = { it: 'it-admin-password-1', merch: 'merch-password-22', 'mgr-a': 'manager-a-password-3' };

function testApp(o: AuthOptions): Hono {
  const stores = new Hono<AuthEnv>();
  stores.get('/:storeId/ping', (c) =>
    c.json({ storeId: c.req.param('storeId'), user: principalOf(c).username }),
  );
  stores.post('/:storeId/ping', (c) => c.json({ posted: true }));

  const app = new Hono();
  app.route('/api/v1/auth', authRoutes(o));
  app.route('/api/v1/admin', adminRoutes(o));
  app.use('/api/v1/stores/*', authenticate(o));
  app.use('/api/v1/stores/:storeId/*', storeScope());
  app.route('/api/v1/stores', stores);
  // As in http/app.ts.
  app.onError((err, c) => {
    if (!(err instanceof HTTPException)) throw err;
    const errors = Array.isArray(err.cause) ? (err.cause as { path: string; message: string }[]) : undefined;
    return c.json(problem(err.status, err.message, errors ? { errors } : {}), err.status);
  });
  return app;
}

type Headers = Record<string, string>;
const json = (body: unknown, headers: Headers = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const errorPaths = async (res: Response) =>
  ((await res.json()) as { errors?: { path: string }[] }).errors?.map((e) => e.path);

for (const backend of backends()) {
  describe(`auth API on ${backend.name}`, () => {
    let repo: HubRepository;
    let now: number;
    let o: AuthOptions;
    let app: Hono;

    const login = (username: string, password: string, headers: Headers = {}) =>
      app.request('/api/v1/auth/login', { method: 'POST', ...json({ username, password }, headers) });
    const cookieFor = async (user: keyof typeof PASSWORDS) => cookieOf(await login(user, PASSWORDS[user]));
    /** A same-origin dashboard call with the session cookie. */
    const call = (method: string, path: string, cookie: string, body?: unknown) =>
      app.request(path, {
        method,
        ...json(body ?? {}, { cookie, 'x-requested-with': 'fetch' }),
        ...(body === undefined && { body: undefined }),
      });

    beforeAll(async () => {
      repo = await openRepo(backend, () => T0);
      await ensureUsers(
        repo.users,
        [
          { username: 'it', role: 'admin', stores: 'all', password: PASSWORDS.it },
          { username: 'merch', role: 'merchandiser', stores: 'all', password: PASSWORDS.merch },
          { username: 'mgr-a', role: 'store-manager', stores: ['store-a'], password: PASSWORDS['mgr-a'] },
        ],
        { now: T0, scrypt: FAST },
      );
    });
    afterAll(async () => {
      await repo.close();
      await backend.cleanup();
    });
    beforeEach(() => {
      now = T0;
      o = authOptions({
        users: repo.users,
        now: () => now,
        scrypt: FAST,
        clientIp: (c) => c.req.header('x-test-ip') ?? '10.0.0.1',
      });
      app = testApp(o);
    });

    it('signs in with a session cookie that is HttpOnly, SameSite=Lax, Path=/', async () => {
      const res = await login('IT', PASSWORDS.it);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ user: { username: 'it', role: 'admin', stores: 'all' } });
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^hub_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
      const me = await app.request('/api/v1/auth/me', { headers: { cookie: cookieOf(res) } });
      expect(await me.json()).toEqual({
        user: expect.objectContaining({ username: 'it', role: 'admin', via: 'session' }),
      });
    });

    it('marks the cookie Secure with the __Host- prefix when configured', async () => {
      app = testApp({ ...o, secureCookie: true });
      const res = await login('merch', PASSWORDS.merch);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^__Host-hub_session=.*; Secure;/);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: cookieOf(res) } })).status).toBe(200);
      const unprefixed = cookieOf(res).replace('__Host-', '');
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: unprefixed } })).status).toBe(401);
    });

    it('refuses wrong passwords and unknown users alike, with a 401 problem and no cookie', async () => {
      const wrong = await login('it', 'not-the-password');
      const unknown = await login('nobody', 'not-the-password');
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(await res.json()).toEqual({
          type: 'about:blank',
          title: 'invalid username or password',
          status: 401,
        });
      }
      expect((await app.request('/api/v1/auth/me')).status).toBe(401);
    });

    it('answers bad input with a 400 problem naming the field', async () => {
      const post = (path: string, body: unknown, headers: Headers = {}) =>
        app.request(path, { method: 'POST', ...json(body, headers) });
      expect(await errorPaths(await post('/api/v1/auth/login', { username: 'it' }))).toEqual(['password']);
      expect(await errorPaths(await post('/api/v1/auth/login', { username: 3, password: 'x' }))).toEqual([
        'username',
      ]);
      expect(await errorPaths(await post('/api/v1/auth/login', '{not json'))).toEqual(['(root)']);

      const cookie = await cookieFor('it');
      const admin = { cookie, 'x-requested-with': 'fetch' };
      const user = {
        username: 'new-one',
        role: 'store-manager',
        stores: ['store-b'],
        password: 'long-enough-pass',
      };
      const bad = async (patch: object) => {
        const res = await post('/api/v1/admin/users', { ...user, ...patch }, admin);
        expect(res.status).toBe(400);
        return errorPaths(res);
      };
      expect(await bad({ role: 'owner' })).toEqual(['role']);
      expect(await bad({ stores: 'all' })).toEqual(['stores']);
      expect(await bad({ stores: ['Store B'] })).toEqual(['stores[0]']);
      expect(await bad({ password: 'short' })).toEqual(['password']);
      expect(await bad({ username: 'a b' })).toEqual(['username']);
    });

    it('rate-limits failed sign-ins: 429 with Retry-After, then lets the user in after the window', async () => {
      for (let i = 0; i < 5; i++) expect((await login('mgr-a', 'guess-number-x')).status).toBe(401);
      now += MIN;
      const blocked = await login('mgr-a', PASSWORDS['mgr-a']);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('840');
      expect(await blocked.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
      // Another user from another address is unaffected.
      expect((await login('merch', PASSWORDS.merch, { 'x-test-ip': '10.0.0.2' })).status).toBe(200);
      now = T0 + 15 * MIN;
      expect((await login('mgr-a', PASSWORDS['mgr-a'])).status).toBe(200);
    });

    it('rate-limits one address trying many usernames', async () => {
      for (let i = 0; i < 20; i++) await login(`user-${i}`, 'guess', { 'x-test-ip': '192.0.2.9' });
      expect((await login('it', PASSWORDS.it, { 'x-test-ip': '192.0.2.9' })).status).toBe(429);
      expect((await login('it', PASSWORDS.it, { 'x-test-ip': '192.0.2.10' })).status).toBe(200);
    });

    it('scopes store routes: a store manager of A gets 403 for B; others see both', async () => {
      const ping = (store: string, cookie: string) =>
        app.request(`/api/v1/stores/${store}/ping`, { headers: { cookie } });
      const manager = await cookieFor('mgr-a');
      const a = await ping('store-a', manager);
      expect(a.status).toBe(200);
      expect(await a.json()).toEqual({ storeId: 'store-a', user: 'mgr-a' });
      const b = await ping('store-b', manager);
      expect(b.status).toBe(403);
      expect(await b.json()).toMatchObject({ status: 403, title: 'no access to store "store-b"' });
      // Percent-encoding does not smuggle a store past the check.
      expect((await ping('%73tore-b', manager)).status).toBe(403);
      for (const user of ['merch', 'it'] as const) {
        const cookie = await cookieFor(user);
        expect((await ping('store-b', cookie)).status).toBe(200);
      }
      const none = await app.request('/api/v1/stores/store-a/ping');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="hub"');
    });

    it('keeps user and token administration to admins', async () => {
      for (const user of ['merch', 'mgr-a'] as const) {
        const cookie = await cookieFor(user);
        expect((await call('GET', '/api/v1/admin/users', cookie)).status).toBe(403);
        const create = await call('POST', '/api/v1/admin/users', cookie, {
          username: 'sneaky',
          role: 'admin',
          stores: 'all',
          password: 'long-enough-pass',
        });
        expect(create.status).toBe(403);
        expect((await call('POST', '/api/v1/admin/tokens', cookie, { name: 'mine' })).status).toBe(403);
      }
      expect((await app.request('/api/v1/admin/users')).status).toBe(401);
      const list = await call('GET', '/api/v1/admin/users', await cookieFor('it'));
      expect(list.status).toBe(200);
      const body = JSON.stringify(await list.json());
      expect(body).toContain('"username":"mgr-a"');
      expect(body).not.toContain('scrypt$');
    });

    it('lets an admin create, change and disable users; disabling ends their sessions', async () => {
      const admin = await cookieFor('it');
      const user = {
        username: 'Temp-Mgr',
        role: 'store-manager',
        stores: ['store-b'],
        password: 'temp-manager-pass',
      };
      const created = await call('POST', '/api/v1/admin/users', admin, user);
      expect(created.status).toBe(201);
      const { user: view } = (await created.json()) as { user: { userId: string; username: string } };
      expect(view.username).toBe('temp-mgr');
      expect((await call('POST', '/api/v1/admin/users', admin, user)).status).toBe(409);

      const temp = cookieOf(await login('temp-mgr', user.password));
      expect((await app.request('/api/v1/stores/store-b/ping', { headers: { cookie: temp } })).status).toBe(
        200,
      );

      const toManager = await call('PATCH', `/api/v1/admin/users/${view.userId}`, admin, { stores: 'all' });
      expect(toManager.status).toBe(400);
      expect(await errorPaths(toManager)).toEqual(['stores']);
      const regional = await call('PATCH', `/api/v1/admin/users/${view.userId}`, admin, {
        role: 'merchandiser',
        stores: ['store-b', 'store-c'],
      });
      expect(regional.status).toBe(200);
      // Role and scope changes apply to live sessions at once.
      expect((await app.request('/api/v1/stores/store-c/ping', { headers: { cookie: temp } })).status).toBe(
        200,
      );

      const disabled = await call('PATCH', `/api/v1/admin/users/${view.userId}`, admin, { disabled: true });
      expect(disabled.status).toBe(200);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: temp } })).status).toBe(401);
      expect((await login('temp-mgr', user.password)).status).toBe(401);

      const self = (await (await app.request('/api/v1/auth/me', { headers: { cookie: admin } })).json()) as {
        user: { userId: string };
      };
      const selfPatch = await call('PATCH', `/api/v1/admin/users/${self.user.userId}`, admin, {
        disabled: true,
      });
      expect(selfPatch.status).toBe(409);
      expect((await call('PATCH', '/api/v1/admin/users/nobody', admin, { disabled: true })).status).toBe(404);
    });

    it('issues bearer tokens once, with the owner’s role and scope, until revoked', async () => {
      const admin = await cookieFor('it');
      const users = (await (await call('GET', '/api/v1/admin/users', admin)).json()) as {
        users: { userId: string; username: string }[];
      };
      const manager = users.users.find((u) => u.username === 'mgr-a')!;
      const issued = await call('POST', '/api/v1/admin/tokens', admin, {
        name: 'store-a export',
        userId: manager.userId,
      });
      expect(issued.status).toBe(201);
      const { token } = (await issued.json()) as { token: { tokenId: string; token: string } };
      expect(token.token).toMatch(/^hubt_[\w-]{43}$/);

      const bearer = (path: string, t = token.token, method = 'GET') =>
        app.request(path, { method, headers: { authorization: `Bearer ${t}` } });
      expect((await bearer('/api/v1/stores/store-a/ping')).status).toBe(200);
      expect((await bearer('/api/v1/stores/store-b/ping')).status).toBe(403);
      expect(await (await bearer('/api/v1/auth/me')).json()).toMatchObject({
        user: { username: 'mgr-a', via: 'token' },
      });
      // No Origin, no custom header: a bearer write is not subject to the CSRF check.
      expect((await bearer('/api/v1/stores/store-a/ping', token.token, 'POST')).status).toBe(200);
      expect((await bearer('/api/v1/stores/store-a/ping', 'hubt_nope')).status).toBe(401);

      const listed = JSON.stringify(await (await call('GET', '/api/v1/admin/tokens', admin)).json());
      expect(listed).toContain('store-a export');
      expect(listed).not.toContain(token.token);

      expect((await call('DELETE', `/api/v1/admin/tokens/${token.tokenId}`, admin)).status).toBe(204);
      expect((await call('DELETE', `/api/v1/admin/tokens/${token.tokenId}`, admin)).status).toBe(404);
      expect((await bearer('/api/v1/stores/store-a/ping')).status).toBe(401);
    });

    it('refuses cookie writes from another origin, and accepts same-origin ones', async () => {
      const cookie = await cookieFor('mgr-a');
      const post = (headers: Headers) =>
        app.request('/api/v1/stores/store-a/ping', { method: 'POST', headers: { cookie, ...headers } });
      expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
      expect((await post({ origin: 'http://evil.example', 'x-requested-with': 'fetch' })).status).toBe(403);
      expect((await post({})).status).toBe(403);
      expect((await post({ origin: 'http://localhost' })).status).toBe(200);
      expect((await post({ 'x-requested-with': 'fetch' })).status).toBe(200);
      expect((await login('it', PASSWORDS.it, { origin: 'http://evil.example' })).status).toBe(403);
    });

    it('logout ends the session and clears the cookie', async () => {
      const cookie = await cookieFor('merch');
      const out = await app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/^hub_session=; Max-Age=0; Path=\//);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    });

    it('answers 401 once a session is idle too long or past its lifetime', async () => {
      const cookie = await cookieFor('merch');
      now += o.session.idleMs + 1;
      const idle = await app.request('/api/v1/auth/me', { headers: { cookie } });
      expect(idle.status).toBe(401);
      expect(idle.headers.get('set-cookie')).toMatch(/Max-Age=0/);

      const busy = await cookieFor('merch');
      const start = now;
      for (; now < start + o.session.ttlMs; now += o.session.idleMs / 2)
        expect((await app.request('/api/v1/auth/me', { headers: { cookie: busy } })).status).toBe(200);
      expect((await app.request('/api/v1/auth/me', { headers: { cookie: busy } })).status).toBe(401);
    });

    it('keeps no password, session id or token in plain text in any table', async () => {
      const admin = await cookieFor('it');
      const sessions = [admin, await cookieFor('merch'), await cookieFor('mgr-a')].map(
        (c) => c.split('=')[1]!,
      );
      const issued = await call('POST', '/api/v1/admin/tokens', admin, { name: 'scan' });
      const { token } = (await issued.json()) as { token: { token: string } };
      const secrets = [...Object.values(PASSWORDS), ...sessions, token.token, token.token.slice(5)];
      for (const [table, rows] of await dumpAllTables(repo))
        for (const secret of secrets) expect(rows, `${table} holds a secret`).not.toContain(secret);
    });
  });
}
