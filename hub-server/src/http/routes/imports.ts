// /api/v1/stores/{storeId}/imports/transactions — a POS export (CSV) uploaded from the dashboard or
// a script: rows are parsed, pseudonymised and stored as by `hub-server import transactions`. Rows
// naming another store are refused, so an upload cannot write outside the store in the path.
import { type ParseIssue, type PosLineItem, parsePosCsv, type RowResult } from '@retail/contracts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { importTransactions } from '../../imports/import-transactions.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { storeIdParam } from '../validation.js';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const importDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/imports/transactions',
  summary:
    'Import POS line items from CSV (transaction_id,sku[,loyalty_id,timestamp,store_id,quantity,price])',
  tag: 'imports',
  access: ANALYSTS,
  body: z.string().describe('CSV text with a header row.'),
  bodyType: 'text/csv',
  response: z.object({
    rows: z.number(),
    transactions: z.number(),
    stored: z.number(),
    duplicates: z.number(),
    issues: z.array(z.object({ line: z.number(), field: z.string().optional(), message: z.string() })),
    moreIssues: z.number(),
  }),
  errors: [413],
} satisfies RouteDoc;

export const importsDocs: RouteDoc[] = [importDoc];

export function importsRoutes(d: AppDeps): Hono<AuthEnv> {
  const limit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new HTTPException(413, {
        message: `uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`,
      });
    },
  });
  return new Hono<AuthEnv>().post('/transactions', allow(importDoc), limit, async (c) => {
    const storeId = storeIdParam(c);
    const text = await c.req.text();
    const summary = await importTransactions(onlyStore(parsePosCsv([text]), storeId), {
      repo: d.repo,
      pseudonymize: d.pseudonymize,
      now: d.now,
      defaultStoreId: storeId,
    });
    // Nothing usable at all (no header, wrong columns): the upload itself is bad.
    if (summary.rows === 0 && summary.issues.length > 0)
      throw new HTTPException(400, { message: 'invalid CSV', cause: summary.issues.map(fieldIssue) });
    return c.json(summary);
  });
}

async function* onlyStore(
  rows: AsyncIterable<RowResult<PosLineItem>>,
  storeId: string,
): AsyncGenerator<RowResult<PosLineItem>> {
  for await (const r of rows) {
    if (r.ok && r.value.storeId !== undefined && r.value.storeId !== storeId) {
      const message = `the row is for store "${r.value.storeId}", not "${storeId}"`;
      yield { ok: false, issue: { line: r.line, field: 'store_id', message } };
    } else yield r;
  }
}

function fieldIssue(i: ParseIssue) {
  return { path: i.field ?? `line ${i.line}`, message: `line ${i.line}: ${i.message}` };
}
