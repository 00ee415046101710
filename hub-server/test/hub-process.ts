// Runs `hub-server` as a real child process for crash and scale-out tests, and waits until it is ready.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@retail/contracts/testing';

export const hubBin = fileURLToPath(new URL('../bin/hub-server.js', import.meta.url));

export interface HubProcess {
  child: ChildProcess;
  httpUrl: string;
  brokerUrl: string;
  exited: Promise<number | null>;
}

export async function startHubProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<HubProcess> {
  const ready = path.join(dataDir, `ready-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  rmSync(ready, { force: true });
  const child = spawn(
    process.execPath,
    [hubBin, 'start', '--data-dir', dataDir, '--ready-file', ready, ...args],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await waitFor(
    () => existsSync(ready) || child.exitCode !== null,
    (v) => v,
    20_000,
  );
  if (!existsSync(ready)) throw new Error(`hub did not start:\n${stderr}`);
  const { httpUrl, brokerUrl } = JSON.parse(readFileSync(ready, 'utf8')) as {
    httpUrl: string;
    brokerUrl: string;
  };
  return { child, httpUrl, brokerUrl, exited };
}

/** Runs a one-off hub-server command and returns its stdout; throws with stderr on failure. */
export function hubCli(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(process.execPath, [hubBin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`hub-server ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}
