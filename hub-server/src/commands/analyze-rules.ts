// `hub-server analyze rules`: association rules from POS baskets (FP-Growth), as JSON.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { buildCatalogue, collect, formatIssue, parseCatalogueCsv, parsePosCsv } from '@retail/contracts';
import { mineRules } from '../analytics/baskets/index.js';
import { basketsFromPos } from '../imports/pos-baskets.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server analyze rules --transactions FILE [--catalogue FILE] [--level sku|category|subcategory]
         [--min-support S] [--min-confidence C] [--max-len L] [--top N] [--out FILE]

Mines frequent itemsets (FP-Growth) from POS line items (CSV: transaction_id, sku, …) and prints
association rules with support, confidence, lift, leverage, conviction (null = infinite), improvement
(confidence gained over every shorter rule) and pValue (Fisher exact test of that gain, Holm-adjusted
over all the rules printed), as JSON. Every rule is printed; keep pValue ≤ 0.05 for those that neither
chance nor a shorter rule explains.

Options:
  --level L            sku (default), or category / subcategory through --catalogue
  --min-support S      fraction of baskets, default 0.01
  --min-confidence C   default 0.1
  --max-len L          longest itemset, default 3
  --top N              keep the N best rules by lift (default all)
  --out FILE           write the JSON there instead of stdout`;

export const analyzeRulesCommand: Command = {
  name: 'analyze rules',
  summary: 'association rules from POS baskets (FP-Growth)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        transactions: { type: 'string' },
        catalogue: { type: 'string' },
        level: { type: 'string' },
        'min-support': { type: 'string' },
        'min-confidence': { type: 'string' },
        'max-len': { type: 'string' },
        top: { type: 'string' },
        out: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.transactions) throw new UsageError(`missing --transactions FILE\n\n${usage}`);
    const level = values.level ?? 'sku';
    if (level !== 'sku' && level !== 'category' && level !== 'subcategory')
      throw new UsageError(`--level must be sku, category or subcategory`);
    if (level !== 'sku' && !values.catalogue) throw new UsageError(`--level ${level} needs --catalogue FILE`);
    const fraction = (name: string, v: string | undefined, dflt: number) => {
      const n = v === undefined ? dflt : Number(v);
      if (!(n >= 0 && n <= 1)) throw new UsageError(`--${name} must be a number from 0 to 1`);
      return n;
    };
    const minSupport = fraction('min-support', values['min-support'], 0.01);
    const minConfidence = fraction('min-confidence', values['min-confidence'], 0.1);
    const maxLength = Number(values['max-len'] ?? 3);
    if (!Number.isInteger(maxLength) || maxLength < 2 || maxLength > 10)
      throw new UsageError('--max-len must be an integer from 2 to 10');
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && !(Number.isInteger(top) && top > 0))
      throw new UsageError('--top must be a positive integer');

    const started = performance.now();
    let catalogue: ReturnType<typeof buildCatalogue>['bySku'] | undefined;
    if (values.catalogue) {
      const c = await collect(parseCatalogueCsv(createReadStream(values.catalogue)));
      for (const i of c.issues.slice(0, 20)) console.error(`  ${values.catalogue}: ${formatIssue(i)}`);
      catalogue = buildCatalogue(c.rows).bySku;
    }
    const read = await basketsFromPos(parsePosCsv(createReadStream(values.transactions)), {
      level,
      ...(catalogue && { catalogue }),
    });
    for (const i of read.issues.slice(0, 20)) console.error(`  ${values.transactions}: ${formatIssue(i)}`);
    const rules = mineRules(read.baskets, { minSupport, minConfidence, maxLength });
    const result = {
      transactions: values.transactions,
      level,
      baskets: read.baskets.length,
      lineItems: read.rows,
      refusedRows: read.issues.length,
      unknownSkus: read.unknownSkus,
      minSupport,
      minConfidence,
      maxLength,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      rules: top === undefined ? rules : rules.slice(0, top),
      ruleCount: rules.length,
    };
    const json = JSON.stringify(result, null, 2);
    if (values.out) {
      await writeFile(values.out, `${json}\n`);
      console.log(`wrote ${rules.length} rules from ${read.baskets.length} baskets to ${values.out}`);
    } else {
      console.log(json);
    }
    return read.issues.length > 0 ? 1 : 0;
  },
};
