// `hub-server eval experiment`: a layout experiment's difference-in-differences estimate and bootstrap
// interval, held against the true effect when the same days are also given without the change (two
// `edge-agent simulate` runs of one scenario and seed, with and without its layoutChange).
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { evaluateExperimentFiles } from './eval-experiment-files.js';
import { expandInputFiles } from './input-files.js';

const usage = `Usage: hub-server eval experiment --transactions FILE|DIR… --experiment FILE [--catalogue FILE]
         [--truth-transactions FILE|DIR…] [--resamples 2000] [--seed 1]

Evaluates a layout experiment as the API does (difference in differences of the treated stores against
control stores or control categories, 95 % interval from a bootstrap over days) on the baskets of
--transactions. With --truth-transactions (the same days without the change: the scenario simulated with
the same seed and no layoutChange), the true effect on each metric is the treated rate with the change
minus without it over the days from the change on, and covered says whether the interval holds it.
Prints one JSON line: {experiment, date, control, coPurchaseRate: {estimate, ci95, rates, days,
naiveBeforeAfter, excludesZero, truth: {effect, withChange, withoutChange, controlShift, covered}},
salesPerBasket: {…}, covered, files, baskets, refusedRows, seconds}. covered is the co-purchase
rate's (null without a counterfactual); controlShift is the control's own with-minus-without, which
should be about 0 (a control the change reaches biases the estimate by minus it).

--transactions and --truth-transactions may be given several times (one pos.csv a day); a directory
stands for every pos.csv below it (DIR/truth/<date>/pos.csv from simulate).

Options:
  --experiment FILE  an experiment registration, as POST /api/v1/stores/{id}/experiments takes it
  --catalogue FILE   SKU categories, needed for control categories
  --resamples N      bootstrap resamples (default 2000)
  --seed N           bootstrap seed (default 1)`;

export const evalExperimentCommand: Command = {
  name: 'eval experiment',
  summary: 'a layout experiment’s estimate and 95 % interval against the true (counterfactual) effect',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        transactions: { type: 'string', multiple: true },
        'truth-transactions': { type: 'string', multiple: true },
        experiment: { type: 'string' },
        catalogue: { type: 'string' },
        resamples: { type: 'string' },
        seed: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.experiment) throw new UsageError(`missing --experiment FILE\n\n${usage}`);
    if (!values.transactions?.length) throw new UsageError(`missing --transactions FILE|DIR\n\n${usage}`);
    const truth = values['truth-transactions'];
    const result = await evaluateExperimentFiles(
      {
        experiment: values.experiment,
        transactions: await expandInputFiles(values.transactions, 'pos.csv'),
        ...(truth?.length && { truthTransactions: await expandInputFiles(truth, 'pos.csv') }),
        ...(values.catalogue && { catalogue: values.catalogue }),
      },
      {
        resamples: integerFlag('resamples', values.resamples, 1, 1_000_000) ?? 2000,
        seed: integerFlag('seed', values.seed, 0, 0xffffffff) ?? 1,
      },
      (line) => console.error(line),
    );
    console.log(JSON.stringify(result));
    const { transactions, truthTransactions, catalogue } = result.refusedRows;
    return transactions + truthTransactions + catalogue > 0 ? 1 : 0;
  },
};

function integerFlag(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
