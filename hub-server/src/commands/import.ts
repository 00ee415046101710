// `hub-server import transactions|visits|catalogue|layout FILE`: loads reference, POS and zone-visit
// data, streaming large files, reporting every bad row by line and field; exits 1 when any row was refused.
import { createReadStream } from 'node:fs';
import {
  collect,
  coverageWarnings,
  type ParseIssue,
  parseCatalogueCsv,
  parsePosCsv,
  parseVisitsCsv,
  type RowResult,
  slugSchema,
  storeLayoutSchema,
  validate,
  type ZoneVisit,
} from '@retail/contracts';
import { importTransactions } from '../imports/import-transactions.js';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { HubRepository } from '../storage/repository.js';
import type { ZoneVisitRecord } from '../storage/visit-store.js';
import { UsageError } from './cli-kit.js';
import { storageUsage } from './config-flags.js';
import { fileImportCommand, progressLine, refusedRows, withStorage } from './import-kit.js';
import { readJsonFile } from './read-json-file.js';

const transactionsUsage = `Usage: hub-server import transactions FILE [--store STORE]

Imports POS line items from CSV (header required; transaction_id and sku required; loyalty_id,
timestamp, store_id, quantity, price optional). Loyalty numbers are turned into pseudonyms on the
way in and never stored. Re-importing a file stores nothing twice.

Options:
  --store STORE        store for rows without a store_id column
${storageUsage}`;

export const importTransactionsCommand = fileImportCommand({
  name: 'import transactions',
  summary: 'import POS transactions from CSV',
  usage: transactionsUsage,
  flags: { store: { type: 'string' } },
  async run(file, values) {
    if (values.store !== undefined && !slugSchema.safeParse(values.store).success)
      throw new UsageError(`--store "${values.store}" is not a valid store id`);
    return withStorage(values, async ({ repo, pseudonymize, where }) => {
      const started = Date.now();
      const summary = await importTransactions(parsePosCsv(createReadStream(file)), {
        repo,
        pseudonymize,
        now: Date.now,
        ...(values.store !== undefined && { defaultStoreId: values.store }),
        onProgress: progressLine((s) => `  … ${s.rows} rows, ${s.transactions} transactions`),
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${file} → ${where}: ${summary.rows} rows, ${summary.transactions} transactions (${summary.stored} new, ` +
          `${summary.duplicates} already there) in ${seconds.toFixed(1)} s`,
      );
      return refusedRows(summary.issues, summary.moreIssues);
    });
  },
});

const visitsUsage = `Usage: hub-server import visits FILE --store STORE

Imports shopper sessions' zone visits from CSV: session_id,loyalty_id,zone_id,enter_ts,exit_ts (one row
per visit, a session's visits in time order; loyalty_id empty for anonymous sessions), e.g. from another
tracking system or the simulator's truth. Loyalty numbers become the same pseudonyms POS uses and are
never stored. Re-importing a file stores nothing twice.

Options:
  --store STORE        the store the visits happened in (required)
${storageUsage}`;

export interface VisitImportSummary {
  /** Rows read and accepted. */
  rows: number;
  stored: number;
  /** Accepted rows already stored (same store, session, zone and enter time). */
  duplicates: number;
  issues: ParseIssue[];
  /** Issues beyond the ones kept. */
  moreIssues: number;
}

export interface ImportVisitsOptions {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  storeId: string;
  now: () => number;
  batchRows?: number;
  maxIssues?: number;
  onProgress?: (s: VisitImportSummary) => void;
}

/**
 * Streams parsed visits into storage in batches, one transaction each. The loyalty number becomes a
 * pseudonym here and goes no further; refused rows are counted and kept (up to `maxIssues`).
 */
export async function importVisits(
  rows: AsyncIterable<RowResult<ZoneVisit>>,
  o: ImportVisitsOptions,
): Promise<VisitImportSummary> {
  const summary: VisitImportSummary = { rows: 0, stored: 0, duplicates: 0, issues: [], moreIssues: 0 };
  const maxIssues = o.maxIssues ?? 100;
  let batch: ZoneVisitRecord[] = [];
  // A session's rows come together: one HMAC per session rather than per row.
  let last: { loyaltyId: string; pid: string } | undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const stored = await o.repo.db.transaction((tx) => o.repo.visits.insert(tx, records, o.now()));
    summary.stored += stored;
    summary.duplicates += records.length - stored;
    o.onProgress?.(summary);
  };
  for await (const r of rows) {
    if (!r.ok) {
      if (summary.issues.length < maxIssues) summary.issues.push(r.issue);
      else summary.moreIssues++;
      continue;
    }
    const v = r.value;
    summary.rows++;
    if (v.loyaltyId !== undefined && last?.loyaltyId !== v.loyaltyId)
      last = { loyaltyId: v.loyaltyId, pid: o.pseudonymize(v.loyaltyId) };
    batch.push({
      storeId: o.storeId,
      sessionId: v.sessionId,
      zoneId: v.zoneId,
      enterTs: v.enterTs,
      exitTs: v.exitTs,
      ...(v.loyaltyId !== undefined && { pid: last!.pid }),
    });
    if (batch.length >= (o.batchRows ?? 5000)) await flush();
  }
  await flush();
  return summary;
}

export const importVisitsCommand = fileImportCommand({
  name: 'import visits',
  summary: 'import shopper sessions’ zone visits from CSV',
  usage: visitsUsage,
  flags: { store: { type: 'string' } },
  async run(file, values) {
    const storeId = values.store;
    if (storeId === undefined) throw new UsageError(`missing --store STORE\n\n${visitsUsage}`);
    if (!slugSchema.safeParse(storeId).success)
      throw new UsageError(`--store "${storeId}" is not a valid store id`);
    return withStorage(values, async ({ repo, pseudonymize, where }) => {
      const started = Date.now();
      const summary = await importVisits(parseVisitsCsv(createReadStream(file)), {
        repo,
        pseudonymize,
        storeId,
        now: Date.now,
        onProgress: progressLine((s) => `  … ${s.rows} visits`),
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${file} → ${where}: ${summary.rows} visits (${summary.stored} new, ${summary.duplicates} already there) ` +
          `in ${seconds.toFixed(1)} s`,
      );
      return refusedRows(summary.issues, summary.moreIssues);
    });
  },
});

const catalogueUsage = `Usage: hub-server import catalogue FILE

Imports the product catalogue from CSV: sku,name,category[,subcategory][,margin]. Existing SKUs are updated.

Options:
${storageUsage}`;

export const importCatalogueCommand = fileImportCommand({
  name: 'import catalogue',
  summary: 'import the product catalogue from CSV',
  usage: catalogueUsage,
  flags: {},
  async run(file, values) {
    const { rows, issues } = await collect(parseCatalogueCsv(createReadStream(file)));
    const where = await withStorage(values, async ({ repo, where }) => {
      await repo.reference.upsertCatalogue(rows, Date.now());
      return where;
    });
    console.log(`${file} → ${where}: ${rows.length} catalogue items`);
    return refusedRows(issues.slice(0, 100), Math.max(0, issues.length - 100));
  },
});

const layoutUsage = `Usage: hub-server import layout FILE

Imports a store layout (validated as by 'hub-server validate layout'); a new layoutVersion is kept
beside the earlier ones, and the store's name and time zone become current.

Options:
${storageUsage}`;

export const importLayoutCommand = fileImportCommand({
  name: 'import layout',
  summary: 'import a store layout',
  usage: layoutUsage,
  flags: {},
  async run(file, values) {
    const layout = validate(storeLayoutSchema, await readJsonFile(file));
    if (!layout.ok) {
      console.error(`${file}: ${layout.issues.length} problem(s)`);
      for (const i of layout.issues) console.error(`  ${i.path}: ${i.message}`);
      return 1;
    }
    await withStorage(values, async ({ repo, where }) => {
      const r = await repo.reference.saveLayout(layout.value, Date.now());
      console.log(
        `${file} → ${where}: layout ${layout.value.storeId} v${layout.value.layoutVersion} ${r.inserted ? 'imported' : 'was already there'}`,
      );
      for (const w of coverageWarnings(layout.value)) console.log(`  warning: ${w}`);
    });
    return 0;
  },
});
