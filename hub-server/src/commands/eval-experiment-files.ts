// What `eval experiment` computes, from files to figures: the experiment registration (validated by the
// API's schema), POS files grouped into baskets (as happened, and optionally the same days without the
// change), the catalogue for category controls; then the experiments core's estimate against the truth.
// Refused CSV rows are reported through `warn` with file and line and counted, not thrown.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  buildCatalogue,
  collect,
  formatIssue,
  type ParseIssue,
  parseCatalogueCsv,
  parsePosCsv,
  validate,
} from '@retail/contracts';
import { evaluateAgainstTruth } from '../analytics/experiments/experiment-eval.js';
import { type LayoutExperiment, layoutExperimentSchema } from '../analytics/experiments/layout-experiment.js';
import { type Transaction, TransactionGrouper } from '../analytics/join/transactions.js';
import { UsageError } from './cli-kit.js';
import { readJsonFile } from './read-json-file.js';

export interface ExperimentEvalFiles {
  experiment: string;
  transactions: readonly string[];
  /** The same days without the change (`edge-agent simulate` of the scenario without its layoutChange). */
  truthTransactions?: readonly string[];
  catalogue?: string;
}

export interface ExperimentEvalFlags {
  resamples?: number;
  seed?: number;
}

/** At most this many refused rows per file are printed; all are counted. */
const SHOWN = 20;

export async function evaluateExperimentFiles(
  files: ExperimentEvalFiles,
  flags: ExperimentEvalFlags,
  warn: (line: string) => void,
) {
  const started = performance.now();
  const experiment = await readExperiment(files.experiment);
  if ('categories' in experiment.control && !files.catalogue)
    throw new UsageError(`${files.experiment}: control categories need --catalogue FILE`);
  const refused = { transactions: 0, truthTransactions: 0, catalogue: 0 };
  let categoryOf: ((sku: string) => string | undefined) | undefined;
  if (files.catalogue) {
    const c = await collect(parseCatalogueCsv(createReadStream(files.catalogue)));
    for (const i of c.issues.slice(0, SHOWN)) warn(`  ${files.catalogue}: ${formatIssue(i)}`);
    refused.catalogue = c.issues.length;
    const bySku = buildCatalogue(c.rows).bySku;
    categoryOf = (sku) => bySku.get(sku)?.category;
  }
  const observed = await readBaskets(files.transactions, warn);
  refused.transactions = observed.refused;
  const truth = files.truthTransactions && (await readBaskets(files.truthTransactions, warn));
  if (truth) refused.truthTransactions = truth.refused;

  const result = evaluateAgainstTruth(experiment, observed.transactions, truth?.transactions, {
    ...(categoryOf && { categoryOf }),
    resamples: flags.resamples ?? 2000,
    seed: flags.seed ?? 1,
  });
  return {
    ...result,
    files: {
      transactions: files.transactions.length,
      truthTransactions: files.truthTransactions?.length ?? 0,
    },
    baskets: {
      transactions: observed.transactions.length,
      ...(truth && { truthTransactions: truth.transactions.length }),
    },
    refusedRows: refused,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}

async function readExperiment(file: string): Promise<LayoutExperiment> {
  const result = validate(layoutExperimentSchema, await readJsonFile(file));
  if (!result.ok) {
    const problems = result.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file}: not an experiment registration\n${problems}`);
  }
  return result.value;
}

/** POS line items of every file grouped into baskets (transaction ids must be unique across files). */
async function readBaskets(
  files: readonly string[],
  warn: (line: string) => void,
): Promise<{ transactions: Transaction[]; refused: number }> {
  const grouper = new TransactionGrouper();
  let refused = 0;
  for (const file of files) {
    const issues: ParseIssue[] = [];
    let bad = 0;
    for await (const r of parsePosCsv(createReadStream(file))) {
      if (r.ok) grouper.add(r.value);
      else if (bad++ < SHOWN) issues.push(r.issue);
    }
    for (const i of issues) warn(`  ${file}: ${formatIssue(i)}`);
    if (bad > SHOWN) warn(`  ${file}: … ${bad - SHOWN} more refused rows`);
    refused += bad;
  }
  return { transactions: grouper.transactions(), refused };
}
