// `hub-server analyze paths`: zone transitions, frequent zone sequences, dwell and the exposure → stop →
// purchase funnel from zone visits (and, for purchases, POS transactions), as JSON on stdout's last line.
import { writeFile } from 'node:fs/promises';
import { type PathsOptions, pathsReport } from '../analytics/reports/paths-report.js';
import { readAnalyticsInputs } from './analytics-inputs.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server analyze paths --layout FILE --visits FILE [--transactions FILE] [--catalogue FILE]
         [--level sku|category] [--stop-s S] [--grace-min G] [--min-seq-support F] [--max-seq-len N]
         [--store ID] [--out FILE]

From zone visits (CSV: session_id, loyalty_id, zone_id, enter_ts, exit_ts): the zone transition matrix,
frequent zone sequences (contiguous n-grams), dwell per zone (median, p90), and per zone and per item
the funnel passed by → stopped (a visit >= --stop-s) → purchased, purchases coming from --transactions
joined to linked sessions. Items bought where the path never went are listed (a planogram check).

Options:
  --level L            items as sku (default) or category (needs --catalogue)
  --stop-s S           seconds of dwell that make a stop, default 10
  --grace-min G        minutes after the last zone exit a sale may fall in, default 15
  --min-seq-support F  share of sessions a sequence needs, default 0.05
  --max-seq-len N      longest sequence, default 4
  --store ID           only this store's transactions
  --out FILE           write the JSON there (indented) instead of stdout`;

export const analyzePathsCommand: Command = {
  name: 'analyze paths',
  summary: 'zone transitions, sequences, dwell and purchase funnels from zone visits',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        layout: { type: 'string' },
        visits: { type: 'string' },
        transactions: { type: 'string' },
        catalogue: { type: 'string' },
        level: { type: 'string' },
        'stop-s': { type: 'string' },
        'grace-min': { type: 'string' },
        'min-seq-support': { type: 'string' },
        'max-seq-len': { type: 'string' },
        store: { type: 'string' },
        out: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    for (const f of ['layout', 'visits'] as const) {
      if (!values[f]) throw new UsageError(`missing --${f} FILE\n\n${usage}`);
    }
    const level = values.level ?? 'sku';
    if (level !== 'sku' && level !== 'category') throw new UsageError('--level must be sku or category');
    if (level === 'category' && !values.catalogue)
      throw new UsageError('--level category needs --catalogue FILE');
    const num = (name: string, v: string | undefined, ok: (n: number) => boolean, what: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (v.trim() === '' || !ok(n)) throw new UsageError(`--${name} must be ${what}`);
      return n;
    };
    const nonNegative = (n: number) => n >= 0 && Number.isFinite(n);
    // Undefined options take the core's defaults.
    const options: PathsOptions = {
      level,
      stopSeconds: num('stop-s', values['stop-s'], nonNegative, 'seconds >= 0'),
      graceMinutes: num('grace-min', values['grace-min'], nonNegative, 'minutes >= 0'),
      minSequenceSupport: num(
        'min-seq-support',
        values['min-seq-support'],
        (n) => n >= 0 && n <= 1,
        'a number from 0 to 1',
      ),
      maxSequenceLength: num(
        'max-seq-len',
        values['max-seq-len'],
        (n) => Number.isInteger(n) && n >= 2 && n <= 10,
        'an integer from 2 to 10',
      ),
      storeId: values.store,
    };

    const started = performance.now();
    const inputs = await readAnalyticsInputs(
      {
        layout: values.layout!,
        visits: values.visits!,
        ...(values.transactions && { transactions: values.transactions }),
        ...(values.catalogue && { catalogue: values.catalogue }),
      },
      (line) => console.error(line),
    );
    const report = pathsReport(inputs, options);
    const result = {
      layout: values.layout,
      visits: values.visits,
      ...(values.transactions && { transactions: values.transactions }),
      zoneVisits: inputs.rows.visits,
      lineItems: inputs.rows.lineItems,
      refusedRows: inputs.refused,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      ...report,
    };
    if (values.out) {
      await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`wrote paths of ${report.sessions} sessions to ${values.out}`);
    } else {
      console.log(JSON.stringify(result));
    }
    const refused = inputs.refused.visits + inputs.refused.transactions + inputs.refused.catalogue;
    return refused > 0 ? 1 : 0;
  },
};
