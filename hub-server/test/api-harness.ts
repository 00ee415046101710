// The hub's HTTP app over a real repository (SQLite in a temp dir, PostgreSQL when DATABASE_URL is
// set), with two stores from the demo layout, one user per role, and windows ingested through the
// real ingest pipeline and roll-ups. Routes are called through app.request(): no server, no port.
import { readFile } from 'node:fs/promises';
import { type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import { pino } from 'pino';
import { ensureUsers } from '../src/auth/bootstrap-users.js';
import type { ScryptParams } from '../src/auth/password-hash.js';
import type { AnalyticsService } from '../src/http/analytics-port.js';
import { createApp } from '../src/http/app.js';
import type { GatewayControl } from '../src/http/gateway-control.js';
import { LiveBus } from '../src/http/live-feed.js';
import { IngestCounters } from '../src/ingest/ingest-counters.js';
import { IngestPipeline } from '../src/ingest/ingest-pipeline.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import type { HubRepository } from '../src/storage/repository.js';
import { type Backend, openRepo } from './backends.js';
import { demoWindows, type Publication, statusPublication } from './e2e/demo-windows.js';

export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1, keyLength: 32 };
/** 2030-01-15 08:00 UTC (and London): the start of the windows the harness ingests. */
export const T0 = Date.UTC(2030, 0, 15, 8);
export const HOUR = 3_600_000;
export const STORES = ['store-a', 'store-b'] as const;
export const ROLE_USERS = { admin: 'it-admin', merchandiser: 'merch', 'store-manager': 'manager-a' } as const;
export type RoleName = keyof typeof ROLE_USERS;
export const POS_TOKEN = 'till-token-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';

export async function demoLayout(storeId: string): Promise<StoreLayout> {
  const url = new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url);
  const json = JSON.parse(await readFile(url, 'utf8')) as Record<string, unknown>;
  return storeLayoutSchema.parse({ ...json, storeId });
}

export interface HarnessOptions {
  backend: Backend;
  analytics?: AnalyticsService;
  gatewayControl?: GatewayControl;
}

export type Harness = Awaited<ReturnType<typeof apiHarness>>;

export async function apiHarness(o: HarnessOptions) {
  let now = T0 + 6 * HOUR;
  const repo: HubRepository = await openRepo(o.backend, () => now);
  const pseudonymize = createPseudonymizer(Buffer.alloc(32, 1));
  const counters = new IngestCounters();
  const live = new LiveBus();
  const logger = pino({ level: 'silent' });
  const layouts = await Promise.all(STORES.map(demoLayout));
  for (const layout of layouts) await repo.reference.saveLayout(layout, now);
  await ensureUsers(
    repo.users,
    [
      { username: ROLE_USERS.admin, role: 'admin', stores: 'all', password: PASSWORD },
      { username: ROLE_USERS.merchandiser, role: 'merchandiser', stores: 'all', password: PASSWORD },
      {
        username: ROLE_USERS['store-manager'],
        role: 'store-manager',
        stores: ['store-a'],
        password: PASSWORD,
      },
    ],
    { now, scrypt: FAST_SCRYPT },
  );
  const app = createApp({
    repo,
    counters,
    pseudonymize,
    logger,
    version: '0.1.0-test',
    now: () => now,
    posToken: POS_TOKEN,
    live,
    auth: { scrypt: FAST_SCRYPT },
    ...(o.analytics && { analytics: o.analytics }),
    ...(o.gatewayControl && { gatewayControl: o.gatewayControl }),
    dashboard: false,
  });

  const pipeline = new IngestPipeline({ repo, pseudonymize, counters, logger, now: () => now });
  const ingest = async (pubs: readonly Publication[]) => {
    await Promise.all(
      pubs.map((p) =>
        pipeline.submit({ topic: p.topic, payload: Buffer.from(JSON.stringify(p.payload)), receivedAt: now }),
      ),
    );
    await pipeline.drain();
    while ((await repo.rollups.rollUpPending()) > 0) {}
  };
  // Six hours of 5-minute windows in store-a, and a status from each of its gateways.
  const a = layouts[0]!;
  await ingest([
    ...demoWindows({ layout: a, start: T0, windows: 72 }),
    ...a.gateways.map((g, i) => statusPublication(a, g.id, 10_000 + i, T0)),
  ]);
  for (const g of a.gateways) await repo.registry.setCredentials('store-a', g.id, '$7$1$x$y', now);
  await repo.registry.setCredentials('store-b', 'gw-front', '$7$1$x$y', now);

  const cookies = new Map<RoleName, string>();
  for (const role of Object.keys(ROLE_USERS) as RoleName[]) {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ROLE_USERS[role], password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${role}: ${res.status} ${await res.text()}`);
    cookies.set(role, res.headers.get('set-cookie')!.split(';')[0]!);
  }

  /** A request as `role` (anonymous when undefined); writes carry the dashboard's header. */
  const call = (role: RoleName | undefined, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (role) headers.set('cookie', cookies.get(role)!);
    if (init.method && init.method !== 'GET') headers.set('x-requested-with', 'fetch');
    if (typeof init.body === 'string' && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers });
  };

  return {
    app,
    repo,
    live,
    layouts,
    call,
    cookie: (role: RoleName) => cookies.get(role)!,
    ingest,
    setNow: (t: number) => {
      now = t;
    },
    close: () => repo.close(),
  };
}

export const range = (from = T0, to = T0 + 6 * HOUR) => `from=${from}&to=${to}`;

export async function problemOf(res: Response) {
  return (await res.json()) as {
    status: number;
    title: string;
    errors?: { path: string; message: string }[];
  };
}
