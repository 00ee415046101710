// /api/v1/stores/{storeId}/transactions — tills POST baskets here with the store's POS token
// (not a dashboard login); loyalty numbers become pseudonyms before anything is stored.
import { timingSafeEqual } from 'node:crypto';
import { posTransactionSchema } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { parseJson, storeIdParam } from '../validation.js';

const transactionsDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/transactions',
  summary: 'Baskets from a till (POS token)',
  tag: 'transactions',
  access: 'till',
  body: z.strictObject({ transactions: z.array(posTransactionSchema).min(1).max(1000) }),
  response: z.object({ received: z.number(), stored: z.number(), duplicates: z.number() }),
  errors: [503],
} satisfies RouteDoc;

export const transactionsDocs: RouteDoc[] = [transactionsDoc];

export function transactionsRoutes(d: AppDeps): Hono {
  return new Hono().post('/', async (c) => {
    const storeId = storeIdParam(c);
    authorizeTill(c.req.header('authorization'), d.posToken);
    const body = await parseJson(c, transactionsDoc.body);
    const records = body.transactions.map((t) => ({
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
    return c.json({
      received: records.length,
      stored: r.transactions,
      duplicates: records.length - r.transactions,
    });
  });
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
