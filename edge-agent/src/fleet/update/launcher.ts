// The supervisor systemd runs (see launch.ts): before each start it asks the UpdateManager (which
// rolls back a failed probation), starts the active slot's agent (`<slot>/app/edge-agent/bin/edge-agent.js`)
// with the slot's own node (`<slot>/bin/node`, else the launcher's node), and while a new version is
// on probation kills it at the health deadline and goes back to the previous slot.
import { type ChildProcess, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { SLOT_ENTRY, SLOT_NODE } from './install-layout.js';
import { ENV_ROOT, ENV_SLOT, type StartResult, UpdateManager } from './update-manager.js';

export interface LauncherOptions {
  root: string;
  /** The agent's entry script inside a slot (default `app/edge-agent/bin/edge-agent.js`). */
  entry?: string;
  /**
   * A program the agent's node is run through (`<execVia> <node> <entry> …`), e.g. an emulator such as
   * qemu-user when a bundle for another CPU is tested; unset on a board.
   */
  execVia?: string;
  args?: string[];
  maxStarts?: number;
  /** How often the deadline of a version on probation is checked (default 1000 ms). */
  pollMs?: number;
  /** Pause between a child's exit and the next start (default 1000 ms). */
  restartDelayMs?: number;
  /** SIGTERM, then SIGKILL after this long (default 10 000 ms). */
  stopGraceMs?: number;
  now?: () => number;
  log?: (event: Record<string, unknown>) => void;
  /** Aborting stops the child and ends `runLauncher`. */
  signal?: AbortSignal;
}

type RunEnd =
  | { kind: 'exited'; code: number | null; signal: string | null }
  | { kind: 'deadline' }
  | { kind: 'stopped' };

export async function runLauncher(o: LauncherOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const manager = new UpdateManager({
    root: o.root,
    now,
    ...(o.maxStarts !== undefined && { maxStarts: o.maxStarts }),
  });
  const log = o.log ?? (() => {});
  const signal = o.signal ?? new AbortController().signal;
  while (!signal.aborted) {
    const start = await manager.onStart();
    log({ event: 'start', ...start });
    const end = await runOnce(o, start, manager, now, signal);
    log({ event: 'end', ...end });
    if (end.kind === 'deadline') {
      const back = await manager.rollback(
        `version ${start.version} did not report healthy before its deadline`,
      );
      log({ event: 'rollback', ...back });
    }
    if (!signal.aborted) await pause(o.restartDelayMs ?? 1000, signal);
  }
}

async function runOnce(
  o: LauncherOptions,
  start: StartResult,
  manager: UpdateManager,
  now: () => number,
  signal: AbortSignal,
): Promise<RunEnd> {
  const dir = manager.slots.slotDir(start.slot);
  const node = await slotNode(dir);
  const agentArgs = [path.join(dir, o.entry ?? SLOT_ENTRY), ...(o.args ?? [])];
  const child = spawn(o.execVia ?? node, o.execVia ? [node, ...agentArgs] : agentArgs, {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, [ENV_ROOT]: o.root, [ENV_SLOT]: start.slot },
  });
  const exited = new Promise<RunEnd>((resolve) => {
    child.once('exit', (code, sig) => resolve({ kind: 'exited', code, signal: sig }));
    child.once('error', () => resolve({ kind: 'exited', code: null, signal: null }));
  });
  const stop = async (end: RunEnd): Promise<RunEnd> => {
    await terminate(child, exited, o.stopGraceMs ?? 10_000);
    return end;
  };
  const stopped = new Promise<'stopped'>((resolve) => {
    if (signal.aborted) resolve('stopped');
    signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline =
    start.status === 'trial'
      ? new Promise<'deadline'>((resolve) => {
          timer = setInterval(() => {
            if (now() < start.deadline) return;
            // A confirmation that arrived since the start ends the probation: nothing to enforce.
            void manager.state().then(
              (s) => {
                if (s.pending?.version === start.version) resolve('deadline');
                else clearInterval(timer);
              },
              () => resolve('deadline'), // an unreadable state is no confirmation
            );
          }, o.pollMs ?? 1000);
        })
      : new Promise<never>(() => {});
  try {
    const first = await Promise.race([exited, stopped, deadline]);
    if (first === 'stopped') return await stop({ kind: 'stopped' });
    if (first === 'deadline') return await stop({ kind: 'deadline' });
    return first;
  } finally {
    clearInterval(timer);
  }
}

async function terminate(child: ChildProcess, exited: Promise<RunEnd>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(kill);
}

/** The slot's bundled node, or the launcher's own when the slot has none. */
export async function slotNode(slotDir: string): Promise<string> {
  const bundled = path.join(slotDir, SLOT_NODE);
  return (await isExecutable(bundled)) ? bundled : process.execPath;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
