// Shared by the simulator's tests: the demo store's layout and catalogue, and small scenarios on it.
import { fileURLToPath } from 'node:url';
import { type LoadedScenario, loadScenarioFile } from './scenario-files.js';
import { type Scenario, type ScenarioInput, scenarioSchema } from './scenario-schema.js';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../../fixtures/scenarios/', import.meta.url));

export function scenarioPath(name: string): string {
  return `${SCENARIOS_DIR}${name}.json`;
}

let demo: Promise<LoadedScenario> | undefined;

/** The demo-day scenario with its layout and catalogue, loaded once per test file. */
export function loadDemo(): Promise<LoadedScenario> {
  demo ??= loadScenarioFile(scenarioPath('demo-day'));
  return demo;
}

/** A scenario on the demo store: demo-day's settings with the given fields replaced. */
export async function demoScenario(overrides: Partial<ScenarioInput>): Promise<Scenario> {
  const { scenarioPath: path } = await loadDemo();
  const { readFile } = await import('node:fs/promises');
  const raw = JSON.parse(await readFile(path, 'utf8')) as ScenarioInput;
  return scenarioSchema.parse({ ...raw, ...overrides });
}
