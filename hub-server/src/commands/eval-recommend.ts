// `hub-server eval recommend`: the cross-merchandising recommender (exactly as `analyze recommend` runs
// it) scored against planted truth: where each planted pair ranks among the recommended moves, recall@k
// over the opportunities, and whether a control pair (one the layout already keeps together) is moved.
// Truth comes per day from `edge-agent simulate` (or `emulate`); directories are searched for it.
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { expandInputFiles } from './input-files.js';
import { evaluateRecommendFiles } from './recommend-evaluation.js';
import { recommendFlags, recommendFlagsUsage, recommendOptions, topFlag } from './recommend-flags.js';

const usage = `Usage: hub-server eval recommend --layout FILE --transactions FILE|DIR… --visits FILE|DIR…
         --planted FILE|DIR… [--catalogue FILE] [--top 10] [recommender flags as analyze recommend]

Runs the recommender of \`analyze recommend\` on the transactions and visits and scores its moves against
the planted pairs (planted-pairs.json as \`edge-agent simulate\` writes it: a name and the SKUs of each
side). A move finds a pair when its anchor is on one side and its moved item on the other, either way
round (or an item pair it carries along between the same two fixtures does); the pair's rank is that of
its best move. A pair whose nearest fixtures are already within
--adjacent-m on this layout (the recommender's own adjacency rule) is a control: it must not be moved.
Prints one JSON line: {pairs: [{name, role, walkingDistanceM, rank, inTopK, bestMove, …}], recallAtK,
controlsInTopK, controlsRecommended, targetMet, top: the first k moves, …}. targetMet is the issue's
target: recall@k >= 0.9 (when there are opportunities) and no control in the top k.

Each of --transactions, --visits and --planted may be given several times (one file a day); a directory
stands for every pos.csv, visits.csv or planted-pairs.json below it (DIR/truth/<date>/… from simulate).

Options:
  --layout FILE      the store layout the days were traded on
  --catalogue FILE   names, and categories for --level category; planted SKUs map to their categories
  --top K            the k of recall@k (default 10)
${recommendFlagsUsage}`;

export const evalRecommendCommand: Command = {
  name: 'eval recommend',
  summary: 'cross-merchandising recommendations scored against planted truth (recall@k, controls)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        layout: { type: 'string' },
        transactions: { type: 'string', multiple: true },
        visits: { type: 'string', multiple: true },
        planted: { type: 'string', multiple: true },
        catalogue: { type: 'string' },
        top: { type: 'string' },
        ...recommendFlags,
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.layout) throw new UsageError(`missing --layout FILE\n\n${usage}`);
    for (const f of ['transactions', 'visits', 'planted'] as const) {
      if (!values[f]?.length) throw new UsageError(`missing --${f} FILE|DIR\n\n${usage}`);
    }
    const k = topFlag(values.top, 10);
    const options = recommendOptions(values, { top: k, hasCatalogue: !!values.catalogue });
    const files = {
      layout: values.layout,
      transactions: await expandInputFiles(values.transactions!, 'pos.csv'),
      visits: await expandInputFiles(values.visits!, 'visits.csv'),
      planted: await expandInputFiles(values.planted!, 'planted-pairs.json'),
      ...(values.catalogue && { catalogue: values.catalogue }),
    };
    const result = await evaluateRecommendFiles(files, options, k, (line) => console.error(line));
    console.log(JSON.stringify(result));
    const refused =
      result.refusedRows.visits + result.refusedRows.transactions + result.refusedRows.catalogue;
    return refused > 0 ? 1 : 0;
  },
};
