// `edge-agent simulate --scenario FILE --out DIR`: a scenario's ground truth for each of its days,
// without cameras, MQTT or a hub: the same simulator and truth files as `edge-agent emulate`
// (DIR/truth/<date>/pos.csv, visits.csv, planted-pairs.json, …) plus the layout in force that day, so
// the hub's analytics (`hub-server analyze recommend`, `hub-server eval recommend`) can run on them.
// Parses its own flags and prints its own errors: usage problems exit 2, bad files 1.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeDayTruth } from '../emulator/truth-files.js';
import { loadScenarioFile } from '../simulator/scenario-files.js';
import { prepareSimulation, simulateDay } from '../simulator/simulate-day.js';
import { numberFlag, UsageError } from './vision-flags.js';

export const simulateUsage = `Usage: edge-agent simulate --scenario FILE --out DIR [--days N] [--seed N] [--without-layout-change]

Simulates the scenario's trading days (shoppers, baskets, tills, staff; no cameras) and writes each
day's ground truth in the product's file formats to DIR/truth/<date>/: pos.csv, visits.csv,
app-members.csv, entrance-counts.json, planted-pairs.json, and layout.json (the layout in force that
day, which differs after a scenario's layout change). Progress on stderr; a JSON summary on stdout:
{scenario, seed, layout, catalogue, days: [{index, date, dir, layoutVersion, shoppers, transactions,
posLines, linkedShoppers, files, plantedPairs}], plantedPairs, seconds}.

Options:
  --scenario FILE  scenario JSON (fixtures/scenarios/*.json); names the layout and catalogue
  --out DIR        where the truth/ folder goes
  --days N         only the first N days (default all of the scenario's)
  --seed N         run with this seed instead of the scenario's (a different but equally valid week)
  --without-layout-change
                   the counterfactual: the same shoppers (same seed) with the scenario's layout change
                   left out, so hub-server eval experiment can measure the change's true effect`;

export interface SimulateIo {
  log: (line: string) => void;
  error: (line: string) => void;
}

const consoleIo: SimulateIo = { log: (l) => console.log(l), error: (l) => console.error(l) };

export async function simulate(argv: string[], io: SimulateIo = consoleIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        out: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        'without-layout-change': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.error(`${(err as Error).message}\n\n${simulateUsage}`);
    return 2;
  }
  if (values.help) {
    io.log(simulateUsage);
    return 0;
  }
  try {
    return await run(values, io);
  } catch (err) {
    io.error(err instanceof UsageError ? err.message : `error: ${(err as Error).message}`);
    return err instanceof UsageError ? 2 : 1;
  }
}

async function run(values: Record<string, string | boolean | undefined>, io: SimulateIo): Promise<number> {
  const scenarioFile = values.scenario;
  const out = values.out;
  if (typeof scenarioFile !== 'string') throw new UsageError(`missing --scenario FILE\n\n${simulateUsage}`);
  if (typeof out !== 'string') throw new UsageError(`missing --out DIR\n\n${simulateUsage}`);
  const loaded = await loadScenarioFile(scenarioFile);
  const days = numberFlag(values.days, 'days', loaded.scenario.days, 1, loaded.scenario.days);
  if (!Number.isInteger(days)) throw new UsageError('--days must be a whole number');
  const seed = numberFlag(values.seed, 'seed', loaded.scenario.seed, 0, 0xffffffff);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');

  const started = performance.now();
  const { layoutChange, ...rest } = loaded.scenario;
  const scenario =
    values['without-layout-change'] === true
      ? { ...rest, seed }
      : { ...rest, seed, ...(layoutChange && { layoutChange }) };
  const sim = prepareSimulation({ ...loaded, scenario });
  for (const w of sim.warnings) io.error(`  warning: ${w}`);
  const summaries = [];
  for (let index = 0; index < days; index++) {
    const dayStarted = performance.now();
    const day = simulateDay(sim, index, { keepTrajectories: false });
    const layout = sim.worldFor(index).layout;
    const files = await writeDayTruth(out, day, { 'layout.json': layout });
    const transactions = new Set(day.posLines.map((l) => l.transactionId)).size;
    const linked = day.shoppers.filter(
      (s) => s.identity.appOptedIn && s.identity.presentsCard && s.identity.loyaltyId,
    ).length;
    summaries.push({
      index,
      date: day.day.date,
      dir: files.dir,
      layoutVersion: day.layoutVersion,
      shoppers: day.shoppers.length,
      transactions,
      posLines: day.posLines.length,
      linkedShoppers: linked,
      files: { ...files, layout: path.join(files.dir, 'layout.json') },
      plantedPairs: day.plantedPairs.map((p) => ({ name: p.name, walkingDistanceM: p.walkingDistanceM })),
    });
    const took = ((performance.now() - dayStarted) / 1000).toFixed(1);
    io.error(
      `day ${index} (${day.day.date}): ${day.shoppers.length} shoppers, ${transactions} sales (${took} s)`,
    );
  }
  io.log(
    JSON.stringify({
      scenario: scenario.name,
      seed,
      layout: loaded.layoutPath,
      catalogue: loaded.cataloguePath,
      days: summaries,
      plantedPairs: sim.model.pairs.map((p) => ({ name: p.name, strength: p.strength, a: p.a, b: p.b })),
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    }),
  );
  return 0;
}
