// `hub-server bench fpgrowth`: our FP-Growth against node-fpgrowth, plus a 1M-basket scale run; JSON on the last line.
import { runFpGrowthBench } from '../bench/fp-growth-bench.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server bench fpgrowth [--baskets FILE[,FILE…]] [--min-support S] [--runs R] [--warmup W]
         [--synthetic N] [--synthetic-items K] [--synthetic-support S]
         [--scale N] [--scale-items K] [--scale-support S] [--no-scale] [--seed X]

Mines the same transactions with our FP-Growth and with the npm package node-fpgrowth, times both
(median of R runs after W untimed warm-up runs) and checks that the itemsets and their counts are identical; then mines N synthetic
baskets (power-law popularity, ~10 items each) with ours alone and reports time and memory.
Basket files: Groceries member/date CSV, dunnhumby transactions, POS CSV, or one basket per line.

Options:
  --baskets FILES        comma-separated basket files (none by default)
  --min-support S        support for the files, default 0.001
  --runs R               timed runs per miner (default 9)
  --warmup W             untimed runs before them (default 5)
  --synthetic N          synthetic comparison baskets (default 20000) over --synthetic-items (default 1000)
  --synthetic-support S  default 0.002
  --scale N              scale-run baskets (default 1000000) over --scale-items (default 5000)
  --scale-support S      default 0.001
  --no-scale             skip the scale run
  --seed X               generator seed (default 1)`;

export const benchFpGrowthCommand: Command = {
  name: 'bench fpgrowth',
  summary: 'compare our FP-Growth with node-fpgrowth and time 1M baskets',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        baskets: { type: 'string' },
        'min-support': { type: 'string' },
        runs: { type: 'string' },
        warmup: { type: 'string' },
        synthetic: { type: 'string' },
        'synthetic-items': { type: 'string' },
        'synthetic-support': { type: 'string' },
        scale: { type: 'string' },
        'scale-items': { type: 'string' },
        'scale-support': { type: 'string' },
        'no-scale': { type: 'boolean' },
        seed: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const int = (name: string, v: string | undefined, dflt: number, max: number) => {
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max)
        throw new UsageError(`--${name} must be an integer from 1 to ${max}`);
      return n;
    };
    const fraction = (name: string, v: string | undefined, dflt: number) => {
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!(n > 0 && n <= 1)) throw new UsageError(`--${name} must be a number in (0, 1]`);
      return n;
    };
    const seed = int('seed', values.seed, 1, 2 ** 31);
    const result = await runFpGrowthBench({
      files: values.baskets ? values.baskets.split(',').filter((f) => f !== '') : [],
      fileMinSupport: fraction('min-support', values['min-support'], 0.001),
      runs: int('runs', values.runs, 9, 100),
      warmup: values.warmup === '0' ? 0 : int('warmup', values.warmup, 5, 100),
      synthetic: {
        transactions: int('synthetic', values.synthetic, 20_000, 10_000_000),
        items: int('synthetic-items', values['synthetic-items'], 1000, 1_000_000),
        seed,
        minSupport: fraction('synthetic-support', values['synthetic-support'], 0.002),
      },
      ...(!values['no-scale'] && {
        scale: {
          transactions: int('scale', values.scale, 1_000_000, 50_000_000),
          items: int('scale-items', values['scale-items'], 5000, 10_000_000),
          seed,
          minSupport: fraction('scale-support', values['scale-support'], 0.001),
        },
      }),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    console.log(JSON.stringify(result));
    return result.comparisons.every((c) => c.identical) ? 0 : 1;
  },
};
