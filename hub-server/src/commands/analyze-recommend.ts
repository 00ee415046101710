// `hub-server analyze recommend`: cross-merchandising recommendations from baskets joined to shopper
// paths on the store layout, as JSON (one line on stdout, the last, unless --out).
import { writeFile } from 'node:fs/promises';
import { type CrossMerchOptions, crossMerchReport } from '../analytics/reports/cross-merch-report.js';
import { readAnalyticsInputs } from './analytics-inputs.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server analyze recommend --layout FILE --transactions FILE --visits FILE [--catalogue FILE]
         [--level sku|category] [--top N] [--out FILE] [--min-support S] [--min-lift L] [--min-leverage V]
         [--adjacent-m M] [--grace-min G] [--weeks W] [--store ID]

Joins each linked shopper's zone visits (CSV: session_id, loyalty_id, zone_id, enter_ts, exit_ts) to the
basket of the same pseudonym in the same store visit (POS CSV: transaction_id, sku, loyalty_id,
timestamp, …), mines item pairs with strong affinity (FP-Growth; lift and leverage), measures their
walking distance on the layout and how often buyers of one pass the other, and ranks moves by the
expected extra co-purchases per week. Pairs already within --adjacent-m are listed, never moved.

Options:
  --level L          sku (default) or category (needs --catalogue)
  --top N            best N recommendations (default 20)
  --min-support S    fraction of baskets holding the pair, default 0.005
  --min-lift L       default 1.2
  --min-leverage V   default 0.001
  --adjacent-m M     metres under which a pair is already together, default 6
  --grace-min G      minutes after the last zone exit a sale may fall in, default 15
  --weeks W          weeks the transactions cover (default: the span of their timestamps)
  --store ID         only this store's transactions
  --out FILE         write the JSON there (indented) instead of stdout`;

export const analyzeRecommendCommand: Command = {
  name: 'analyze recommend',
  summary: 'cross-merchandising moves from baskets joined to shopper paths',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        layout: { type: 'string' },
        transactions: { type: 'string' },
        visits: { type: 'string' },
        catalogue: { type: 'string' },
        level: { type: 'string' },
        top: { type: 'string' },
        out: { type: 'string' },
        'min-support': { type: 'string' },
        'min-lift': { type: 'string' },
        'min-leverage': { type: 'string' },
        'adjacent-m': { type: 'string' },
        'grace-min': { type: 'string' },
        weeks: { type: 'string' },
        store: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    for (const f of ['layout', 'transactions', 'visits'] as const) {
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
    const fraction = (n: number) => n >= 0 && n <= 1;
    const positive = (n: number) => n > 0 && Number.isFinite(n);
    // Undefined options take the core's defaults.
    const options: CrossMerchOptions = {
      level,
      top: num('top', values.top, (n) => Number.isInteger(n) && n > 0, 'a positive integer') ?? 20,
      minSupport: num('min-support', values['min-support'], fraction, 'a number from 0 to 1'),
      minLift: num('min-lift', values['min-lift'], (n) => n >= 0 && Number.isFinite(n), 'a number >= 0'),
      minLeverage: num(
        'min-leverage',
        values['min-leverage'],
        (n) => n >= -1 && n <= 1,
        'a number from -1 to 1',
      ),
      adjacentMetres: num(
        'adjacent-m',
        values['adjacent-m'],
        (n) => n >= 0 && Number.isFinite(n),
        'metres >= 0',
      ),
      graceMinutes: num(
        'grace-min',
        values['grace-min'],
        (n) => n >= 0 && Number.isFinite(n),
        'minutes >= 0',
      ),
      weeks: num('weeks', values.weeks, positive, 'a positive number'),
      storeId: values.store,
    };

    const started = performance.now();
    const warn = (line: string) => console.error(line);
    const inputs = await readAnalyticsInputs(
      {
        layout: values.layout!,
        visits: values.visits!,
        transactions: values.transactions!,
        ...(values.catalogue && { catalogue: values.catalogue }),
      },
      warn,
    );
    const report = crossMerchReport(
      {
        layout: inputs.layout,
        sessions: inputs.sessions,
        transactions: inputs.transactions ?? [],
        ...(inputs.catalogue && { catalogue: inputs.catalogue }),
      },
      options,
    );
    if (report.weeksAssumed)
      warn(
        '  no transaction carries a timestamp: weekly figures assume the file covers 1 week (see --weeks)',
      );
    const result = {
      layout: values.layout,
      transactions: values.transactions,
      visits: values.visits,
      ...(values.catalogue && { catalogue: values.catalogue }),
      lineItems: inputs.rows.lineItems,
      zoneVisits: inputs.rows.visits,
      refusedRows: inputs.refused,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      ...report,
    };
    if (values.out) {
      await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
      console.log(
        `wrote ${report.recommendations.length} recommendations (${report.adjacentPairs.length} pairs already adjacent, ` +
          `join rate ${report.join.joinRate === null ? 'n/a' : `${Math.round(report.join.joinRate * 100)} %`}) to ${values.out}`,
      );
    } else {
      console.log(JSON.stringify(result));
    }
    const refused = inputs.refused.visits + inputs.refused.transactions + inputs.refused.catalogue;
    return refused > 0 ? 1 : 0;
  },
};
