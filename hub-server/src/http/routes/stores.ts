// /api/v1/stores/:storeId/… — per-store reads (heatmap, zones, entrances) and POS ingest over HTTP.
import { timingSafeEqual } from 'node:crypto';
import { posTransactionSchema, slugSchema, validate } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Pseudonymize } from '../../privacy/pseudonym.js';
import type { HubRepository } from '../../storage/repository.js';

const rangeSchema = z
  .strictObject({
    from: z.coerce.number().int().min(0),
    to: z.coerce.number().int().min(0),
    /** `window`: the raw 60 s windows (ranges up to a day); `hour`/`day`: the roll-ups. */
    period: z.enum(['window', 'hour', 'day']).default('hour'),
  })
  .refine((q) => q.to > q.from, { path: ['to'], message: 'to must be after from' });

const DAY_MS = 86_400_000;

const transactionsBodySchema = z.strictObject({
  transactions: z.array(posTransactionSchema).min(1).max(1000),
});

export interface StoresRouteDeps {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  posToken?: string;
  now: () => number;
}

export function storesRoutes(d: StoresRouteDeps): Hono {
  const app = new Hono();

  const storeIdOf = (raw: string): string => {
    const r = validate(slugSchema, raw);
    if (!r.ok)
      throw new HTTPException(400, {
        message: 'invalid store id',
        cause: [{ path: 'storeId', message: r.issues[0]!.message }],
      });
    return r.value;
  };
  const rangeOf = (query: Record<string, string>) => {
    const r = validate(rangeSchema, query);
    if (!r.ok) throw new HTTPException(400, { message: 'invalid query', cause: r.issues });
    return r.value;
  };

  app.get('/:storeId/heatmap', async (c) => {
    const storeId = storeIdOf(c.req.param('storeId'));
    const q = rangeOf(c.req.query());
    if (q.period === 'window') {
      if (q.to - q.from > DAY_MS) {
        const cause = [
          { path: 'to', message: 'raw windows are served for at most one day; use period=hour or day' },
        ];
        throw new HTTPException(400, { message: 'invalid query', cause });
      }
      return c.json({ storeId, ...q, cells: await d.repo.queries.heatmapWindows(storeId, q.from, q.to) });
    }
    return c.json({ storeId, ...q, cells: await d.repo.queries.heatmap(storeId, q.period, q.from, q.to) });
  });

  app.get('/:storeId/zones', async (c) => {
    const storeId = storeIdOf(c.req.param('storeId'));
    const q = rangeOf(c.req.query());
    const period = rollupPeriod(q.period);
    if (q.period === 'window')
      throw new HTTPException(400, {
        message: 'invalid query',
        cause: [{ path: 'period', message: 'zones are served by hour or day' }],
      });
    return c.json({ storeId, ...q, zones: await d.repo.queries.zones(storeId, period, q.from, q.to) });
  });

  app.get('/:storeId/entrances', async (c) => {
    const storeId = storeIdOf(c.req.param('storeId'));
    const q = rangeOf(c.req.query());
    const period = rollupPeriod(q.period);
    return c.json({
      storeId,
      ...q,
      entrances: await d.repo.queries.entrances(storeId, period, q.from, q.to),
    });
  });

  app.post('/:storeId/transactions', async (c) => {
    const storeId = storeIdOf(c.req.param('storeId'));
    authorizeTill(c.req.header('authorization'), d.posToken);
    const body = validate(transactionsBodySchema, await c.req.json().catch(() => undefined));
    if (!body.ok) throw new HTTPException(400, { message: 'invalid transactions', cause: body.issues });
    const records = body.value.transactions.map((t) => ({
      storeId,
      transactionId: t.transactionId,
      ts: t.timestamp,
      ...(t.loyaltyId !== undefined && { pid: d.pseudonymize(t.loyaltyId) }),
      source: 'http' as const,
      items: t.items.map((i, line) => ({
        line,
        sku: i.sku,
        quantity: i.quantity,
        ...(i.price !== undefined && { price: i.price }),
      })),
    }));
    const r = await d.repo.db.transaction((tx) => d.repo.pos.insert(tx, records, d.now()));
    return c.json(
      { received: records.length, stored: r.transactions, duplicates: records.length - r.transactions },
      200,
    );
  });

  return app;
}

function rollupPeriod(period: 'window' | 'hour' | 'day'): 'hour' | 'day' {
  if (period === 'window') {
    throw new HTTPException(400, {
      message: 'invalid query',
      cause: [{ path: 'period', message: 'served by hour or day' }],
    });
  }
  return period;
}

function authorizeTill(header: string | undefined, token: string | undefined): void {
  if (!token)
    throw new HTTPException(503, { message: 'POS over HTTP is not enabled on this hub (set http.posToken)' });
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
    throw new HTTPException(401, { message: 'a valid bearer token is required' });
  }
}
