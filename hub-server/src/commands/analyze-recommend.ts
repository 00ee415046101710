// `hub-server analyze recommend`: cross-merchandising recommendations from baskets joined to shopper
// paths on the store layout, as JSON (one line on stdout, the last, unless --out).
import { writeFile } from 'node:fs/promises';
import { crossMerchReport } from '../analytics/reports/cross-merch-report.js';
import { readAnalyticsInputs } from './analytics-inputs.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { recommendFlags, recommendFlagsUsage, recommendOptions, topFlag } from './recommend-flags.js';

const usage = `Usage: hub-server analyze recommend --layout FILE --transactions FILE --visits FILE [--catalogue FILE]
         [--level sku|category] [--top N] [--out FILE] [--min-support S] [--min-baskets N] [--min-lift L]
         [--min-leverage V] [--max-p P] [--adjacent-m M] [--grace-min G] [--weeks W] [--store ID]

Joins each linked shopper's zone visits (CSV: session_id, loyalty_id, zone_id, enter_ts, exit_ts) to the
basket of the same pseudonym in the same store visit (POS CSV: transaction_id, sku, loyalty_id,
timestamp, …), mines item pairs with strong affinity (FP-Growth; lift, leverage and a p-value, each
against what basket sizes alone would give), measures their walking distance on the layout and how
often buyers of one pass the other, and ranks moves by the expected extra co-purchases per week (over
what other shoppers passing the moved item buy). Item pairs between the same two fixtures are one move.
Pairs already within --adjacent-m are listed, never moved.

Options:
  --top N            best N recommendations (default 20)
${recommendFlagsUsage}
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
        top: { type: 'string' },
        out: { type: 'string' },
        ...recommendFlags,
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
    const options = recommendOptions(values, {
      top: topFlag(values.top, 20),
      hasCatalogue: !!values.catalogue,
    });

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
