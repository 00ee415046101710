// Adapter: reads a scenario file and the layout and catalogue it names (paths relative to it), validated,
// ready for prepareSimulation. The only part of the simulator that touches the file system.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  buildCatalogue,
  collect,
  formatIssue,
  parseCatalogueCsv,
  type StoreLayout,
  storeLayoutSchema,
} from '@retail/contracts';
import type { z } from 'zod';
import { type Scenario, scenarioSchema } from './scenario-schema.js';
import type { SimulationInput } from './simulate-day.js';

export interface LoadedScenario extends SimulationInput {
  scenarioPath: string;
  layoutPath: string;
  cataloguePath: string;
}

export async function loadScenarioFile(path: string): Promise<LoadedScenario> {
  const scenarioPath = resolve(path);
  const scenario: Scenario = parseOrThrow(scenarioSchema, await readJson(scenarioPath), scenarioPath);
  const base = dirname(scenarioPath);
  const layoutPath = resolve(base, scenario.layout);
  const cataloguePath = resolve(base, scenario.catalogue);
  const layout: StoreLayout = parseOrThrow(storeLayoutSchema, await readJson(layoutPath), layoutPath);
  const { rows, issues } = await collect(parseCatalogueCsv([await readFile(cataloguePath, 'utf8')]));
  if (issues.length > 0) {
    throw new Error(`${cataloguePath}: ${issues.slice(0, 5).map(formatIssue).join('; ')}`);
  }
  return { scenario, layout, catalogue: buildCatalogue(rows), scenarioPath, layoutPath, cataloguePath };
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`${path}: ${problems.join('; ')}`);
}
