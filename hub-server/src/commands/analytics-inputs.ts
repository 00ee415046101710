// Reads what `analyze recommend` and `analyze paths` work on: the layout (validated), the catalogue,
// POS line items grouped into transactions and zone visits grouped into sessions, streaming both CSVs
// through the contracts parsers. Refused rows are reported on stderr with file and line, not thrown.
// Visits and transactions may come as several files (one per day, say): they are read in turn and
// grouped as one set, so session and transaction ids must be unique across them.
import { createReadStream } from 'node:fs';
import {
  buildCatalogue,
  type CatalogueItem,
  collect,
  formatIssue,
  type ParseIssue,
  parseCatalogueCsv,
  parsePosCsv,
  parseVisitsCsv,
  type StoreLayout,
  storeLayoutSchema,
  validate,
  type ZoneVisit,
} from '@retail/contracts';
import { type Transaction, TransactionGrouper } from '../analytics/join/transactions.js';
import { groupSessions, type ShopperSession } from '../analytics/paths/sessions.js';
import { readJsonFile } from './read-json-file.js';

export interface AnalyticsFiles {
  layout: string;
  visits: string | readonly string[];
  transactions?: string | readonly string[];
  catalogue?: string;
}

export interface AnalyticsInputs {
  layout: StoreLayout;
  sessions: ShopperSession[];
  transactions?: Transaction[];
  catalogue?: ReadonlyMap<string, CatalogueItem>;
  /** Rows read and refused per file. */
  rows: { visits: number; lineItems: number };
  refused: { visits: number; transactions: number; catalogue: number };
}

/** At most this many refused rows per file are printed; all are counted. */
const SHOWN = 20;

export async function readAnalyticsInputs(
  files: AnalyticsFiles,
  warn: (line: string) => void,
): Promise<AnalyticsInputs> {
  const layout = await readLayout(files.layout);
  const show = (file: string, issues: readonly ParseIssue[], total: number) => {
    for (const i of issues.slice(0, SHOWN)) warn(`  ${file}: ${formatIssue(i)}`);
    if (total > SHOWN) warn(`  ${file}: … ${total - SHOWN} more refused rows`);
  };

  let catalogue: ReadonlyMap<string, CatalogueItem> | undefined;
  let refusedCatalogue = 0;
  if (files.catalogue) {
    const c = await collect(parseCatalogueCsv(createReadStream(files.catalogue)));
    show(files.catalogue, c.issues, c.issues.length);
    refusedCatalogue = c.issues.length;
    catalogue = buildCatalogue(c.rows).bySku;
  }

  let transactions: Transaction[] | undefined;
  let lineItems = 0;
  let refusedTransactions = 0;
  if (files.transactions) {
    const grouper = new TransactionGrouper();
    for (const file of listOf(files.transactions)) {
      const issues: ParseIssue[] = [];
      let refused = 0;
      for await (const r of parsePosCsv(createReadStream(file))) {
        if (r.ok) {
          lineItems++;
          grouper.add(r.value);
        } else if (refused++ < SHOWN) issues.push(r.issue);
      }
      show(file, issues, refused);
      refusedTransactions += refused;
    }
    transactions = grouper.transactions();
  }

  const visits: ZoneVisit[] = [];
  let refusedVisits = 0;
  for (const file of listOf(files.visits)) {
    const issues: ParseIssue[] = [];
    let refused = 0;
    for await (const r of parseVisitsCsv(createReadStream(file))) {
      if (r.ok) visits.push(r.value);
      else if (refused++ < SHOWN) issues.push(r.issue);
    }
    show(file, issues, refused);
    refusedVisits += refused;
  }

  return {
    layout,
    sessions: groupSessions(visits),
    ...(transactions && { transactions }),
    ...(catalogue && { catalogue }),
    rows: { visits: visits.length, lineItems },
    refused: { visits: refusedVisits, transactions: refusedTransactions, catalogue: refusedCatalogue },
  };
}

function listOf(files: string | readonly string[]): readonly string[] {
  return typeof files === 'string' ? [files] : files;
}

async function readLayout(file: string): Promise<StoreLayout> {
  const result = validate(storeLayoutSchema, await readJsonFile(file));
  if (!result.ok) {
    const problems = result.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new Error(`${file}: ${result.issues.length} layout problem(s)\n${problems}`);
  }
  return result.value;
}
