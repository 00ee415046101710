// Test support: the edge agent's `simulate` command, built, in a process of its own (the hub never
// imports edge code): a scenario's ground truth per day in the product's file formats.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const edgeAgent = path.join(repoRoot, 'edge-agent/bin/edge-agent.js');
const built = path.join(repoRoot, 'edge-agent/dist/src/commands/simulate.js');

/** `edge-agent simulate --scenario FILE --out DIR [args]`; resolves with its JSON summary (last stdout line). */
export function simulateScenario(scenario: string, out: string, args: string[] = []): Promise<unknown> {
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npx tsc -b\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [edgeAgent, 'simulate', '--scenario', scenario, '--out', out, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split('\n').at(-1)!))
        : reject(new Error(`edge-agent simulate ${scenario} exited ${code}: ${stderr}`)),
    );
  });
}
