// `hub-server bench fpgrowth`: our FP-Growth against the npm package node-fpgrowth on the same
// transactions (real basket files by path, and seeded synthetic ones), timing each over the whole of its
// mining (median of a few runs, the two alternating, and which goes first alternating too, so both see
// the same machine load and neither always collects the other's garbage) and checking on every run that
// both find the same itemsets with the same counts; then a scale run of our miner alone on 1,000,000
// synthetic baskets.
import { ItemDictionary, minCountFor, mineFrequentItemsets } from '../analytics/baskets/index.js';
import { readBasketFile } from './basket-files.js';
import { basketViews, syntheticBaskets } from './synthetic-baskets.js';

export interface FpGrowthBenchOptions {
  /** Real basket files (see basket-files.ts for the formats). */
  files: readonly string[];
  /** Support for the real files, default 0.001. */
  fileMinSupport: number;
  synthetic: { transactions: number; items: number; seed: number; minSupport: number };
  /** Timed runs per miner and dataset (median reported), after `warmup` untimed ones. */
  runs: number;
  /** Untimed runs first, so both miners are measured after V8 has optimised them (default 2). */
  warmup?: number;
  /** Omitted to skip the scale run. */
  scale?: { transactions: number; items: number; seed: number; minSupport: number };
  progress: (line: string) => void;
}

interface Itemsets {
  /** "id,id,…" (ascending) → count. */
  readonly counts: Map<string, number>;
}

type NodeFpGrowth = new (
  support: number,
) => { exec(transactions: number[][]): Promise<{ items: number[]; support: number }[]> };

export async function runFpGrowthBench(o: FpGrowthBenchOptions) {
  // Loaded here, not at the top: node-fpgrowth is a dev dependency and the CLI must start without it.
  const { FPGrowth } = (await import('node-fpgrowth')) as unknown as { FPGrowth: NodeFpGrowth };
  const comparisons = [];
  for (const file of o.files) {
    o.progress(`reading ${file}`);
    const read = await readBasketFile(file);
    const dictionary = new ItemDictionary();
    const baskets = dictionary.encodeAll(read.baskets);
    comparisons.push({
      dataset: `${read.name} (${read.format})`,
      ...(await compare(baskets, dictionary.size, o.fileMinSupport, o, FPGrowth)),
    });
  }
  const s = o.synthetic;
  const synthetic = basketViews(syntheticBaskets(s));
  comparisons.push({
    dataset: `synthetic ${s.transactions} × ${s.items} (zipf 1, seed ${s.seed})`,
    ...(await compare(synthetic, s.items, s.minSupport, o, FPGrowth)),
  });
  return { comparisons, ...(o.scale && { scale: scaleRun(o.scale, o.progress) }) };
}

async function compare(
  baskets: Uint32Array[],
  items: number,
  minSupport: number,
  o: FpGrowthBenchOptions,
  FPGrowth: NodeFpGrowth,
) {
  const n = baskets.length;
  const minCount = minCountFor(minSupport, n);
  // node-fpgrowth keeps count >= ceil(support · n); half a basket under minCount makes that exactly minCount.
  const theirSupport = (minCount - 0.5) / n;
  const plain = baskets.map((b) => Array.from(b));
  const ours: number[] = [];
  const theirs: number[] = [];
  const timeOurs = () => {
    const t = performance.now();
    const mined = mineFrequentItemsets(baskets, { minSupport });
    ours.push(performance.now() - t);
    return { counts: new Map(mined.map((s) => [Array.from(s.items).join(','), s.count])) };
  };
  const timeTheirs = async () => {
    const t = performance.now();
    const found = await new FPGrowth(theirSupport).exec(plain);
    theirs.push(performance.now() - t);
    return { counts: new Map(found.map((s) => [[...s.items].sort((a, b) => a - b).join(','), s.support])) };
  };
  let itemsets = 0;
  let differences: ReturnType<typeof diff> | undefined;
  const warmup = o.warmup ?? 2;
  for (let run = 0; run < warmup + o.runs; run++) {
    // Who goes first alternates, so neither always inherits the other's garbage to collect.
    let ourSets: Itemsets;
    let theirSets: Itemsets;
    if (run % 2 === 0) {
      ourSets = timeOurs();
      theirSets = await timeTheirs();
    } else {
      theirSets = await timeTheirs();
      ourSets = timeOurs();
    }
    // Every run is checked, outside the timers; the first mismatch is the one reported.
    const runDiff = diff(ourSets, theirSets);
    if (differences === undefined || (differences.total === 0 && runDiff.total > 0)) differences = runDiff;
    itemsets = ourSets.counts.size;
    const label = run < warmup ? `warm-up ${run + 1}/${warmup}` : `run ${run - warmup + 1}/${o.runs}`;
    o.progress(`  ${label}: ours ${ours[run]!.toFixed(0)} ms, node-fpgrowth ${theirs[run]!.toFixed(0)} ms`);
  }
  const oursMs = median(ours.slice(warmup));
  const theirsMs = median(theirs.slice(warmup));
  return {
    baskets: n,
    items,
    meanBasketSize: round(baskets.reduce((s, b) => s + b.length, 0) / n, 2),
    minSupport,
    minCount,
    itemsets,
    oursMs: round(oursMs, 1),
    nodeFpgrowthMs: round(theirsMs, 1),
    speedup: round(theirsMs / oursMs, 2),
    // The very first run of each, before V8 optimises either: what a one-off CLI call pays.
    firstRunMs: { ours: round(ours[0]!, 1), nodeFpgrowth: round(theirs[0]!, 1) },
    identical: differences!.total === 0,
    differences: differences!,
  };
}

function diff(ours: Itemsets, theirs: Itemsets) {
  const onlyOurs: string[] = [];
  const onlyTheirs: string[] = [];
  const countMismatch: { itemset: string; ours: number; theirs: number }[] = [];
  for (const [key, count] of ours.counts) {
    const other = theirs.counts.get(key);
    if (other === undefined) onlyOurs.push(key);
    else if (other !== count) countMismatch.push({ itemset: key, ours: count, theirs: other });
  }
  for (const key of theirs.counts.keys()) if (!ours.counts.has(key)) onlyTheirs.push(key);
  return {
    total: onlyOurs.length + onlyTheirs.length + countMismatch.length,
    onlyOurs: onlyOurs.length,
    onlyTheirs: onlyTheirs.length,
    countMismatch: countMismatch.length,
    examples: {
      onlyOurs: onlyOurs.slice(0, 5),
      onlyTheirs: onlyTheirs.slice(0, 5),
      countMismatch: countMismatch.slice(0, 5),
    },
  };
}

function scaleRun(s: NonNullable<FpGrowthBenchOptions['scale']>, progress: (line: string) => void) {
  progress(`scale: generating ${s.transactions} baskets over ${s.items} SKUs`);
  const flat = syntheticBaskets(s);
  const baskets = basketViews(flat);
  const before = process.memoryUsage();
  progress('scale: mining');
  const t = performance.now();
  const itemsets = mineFrequentItemsets(baskets, { minSupport: s.minSupport });
  const ms = performance.now() - t;
  const after = process.memoryUsage();
  const byLength: number[] = [];
  for (const set of itemsets) byLength[set.items.length - 1] = (byLength[set.items.length - 1] ?? 0) + 1;
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  return {
    transactions: s.transactions,
    items: s.items,
    meanBasketSize: round(flat.items.length / s.transactions, 2),
    minSupport: s.minSupport,
    minCount: minCountFor(s.minSupport, s.transactions),
    itemsets: itemsets.length,
    itemsetsByLength: Array.from(byLength, (c) => c ?? 0),
    ms: round(ms, 0),
    underTenSeconds: ms < 10_000,
    memory: {
      inputMB: mb(flat.items.byteLength + flat.offsets.byteLength),
      heapUsedBeforeMB: mb(before.heapUsed),
      heapUsedAfterMB: mb(after.heapUsed),
      rssAfterMB: mb(after.rss),
      // Peak resident set of the whole process (generation included), from getrusage.
      maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    },
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
