// The supervisor systemd runs (see launch.ts): before each start it asks the UpdateManager (which
// rolls back a failed probation), starts the active slot's agent (`<slot>/app/edge-agent/bin/edge-agent.js`)
// with the slot's own node (`<slot>/bin/node`, else the launcher's node), and while a new version is
// on probation kills it at the health deadline and goes back to the previous slot. Its software
// watchdog (watchdog.ts) stops an agent whose heartbeat file goes stale (a blocked event loop, a
// deadlock); the next start is counted as after a crash, so a new version that hangs rolls back too.
import { type ChildProcess, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_HEARTBEAT_MS, ENV_HEARTBEAT_FILE, ENV_HEARTBEAT_MS } from './heartbeat.js';
import { AB_HEARTBEAT_FILE, SLOT_ENTRY, SLOT_NODE } from './install-layout.js';
import { ENV_ROOT, ENV_SLOT, type StartResult, UpdateManager } from './update-manager.js';
import { resetHeartbeatFile, watchHeartbeat } from './watchdog.js';

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
  /**
   * Stop the agent when its heartbeat (`<root>/heartbeat`) is older than this (default 60 000 ms;
   * 0 turns the watchdog off and the agent is not asked to beat). Checked every `pollMs`.
   */
  watchdogMs?: number;
  /** Allowed silence after each start before the first beat (default `watchdogMs`). */
  watchdogGraceMs?: number;
  /** How often the agent is asked to beat (EDGE_HEARTBEAT_MS; default 10 000, at most watchdogMs / 4). */
  heartbeatMs?: number;
  now?: () => number;
  log?: (event: Record<string, unknown>) => void;
  /** Aborting stops the child and ends `runLauncher`. */
  signal?: AbortSignal;
}

type RunEnd =
  | { kind: 'exited'; code: number | null; signal: string | null }
  | { kind: 'deadline' }
  | { kind: 'hung'; silentMs: number; beats: number }
  | { kind: 'stopped' };

interface Watchdog {
  file: string;
  timeoutMs: number;
  graceMs: number;
  heartbeatMs: number;
}

/** The watchdog settings, or undefined when it is off; throws on settings that would kill a healthy agent. */
export function watchdogSettings(o: LauncherOptions): Watchdog | undefined {
  const timeoutMs = o.watchdogMs ?? 60_000;
  if (timeoutMs === 0) return undefined;
  const heartbeatMs = o.heartbeatMs ?? Math.min(DEFAULT_HEARTBEAT_MS, Math.max(1, Math.floor(timeoutMs / 4)));
  const graceMs = o.watchdogGraceMs ?? timeoutMs;
  for (const [name, v] of [
    ['watchdogMs', timeoutMs],
    ['heartbeatMs', heartbeatMs],
    ['watchdogGraceMs', graceMs],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: ${v} is not a positive whole number`);
  if (heartbeatMs >= timeoutMs)
    throw new Error(`heartbeatMs (${heartbeatMs}) must be shorter than watchdogMs (${timeoutMs})`);
  return { file: path.join(o.root, AB_HEARTBEAT_FILE), timeoutMs, graceMs, heartbeatMs };
}

export async function runLauncher(o: LauncherOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const watchdog = watchdogSettings(o);
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
    const end = await runOnce(o, start, manager, now, signal, watchdog, log);
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
  watchdog: Watchdog | undefined,
  log: (event: Record<string, unknown>) => void,
): Promise<RunEnd> {
  const dir = manager.slots.slotDir(start.slot);
  const node = await slotNode(dir);
  const agentArgs = [path.join(dir, o.entry ?? SLOT_ENTRY), ...(o.args ?? [])];
  let watched = watchdog;
  if (watched) {
    try {
      await resetHeartbeatFile(watched.file);
    } catch (err) {
      // Without a writable heartbeat the agent could never beat: run it unwatched rather than kill it.
      log({ event: 'watchdog-off', file: watched.file, reason: (err as Error).message });
      watched = undefined;
    }
  }
  const env: NodeJS.ProcessEnv = { ...process.env, [ENV_ROOT]: o.root, [ENV_SLOT]: start.slot };
  delete env[ENV_HEARTBEAT_FILE];
  delete env[ENV_HEARTBEAT_MS];
  if (watched) {
    env[ENV_HEARTBEAT_FILE] = watched.file;
    env[ENV_HEARTBEAT_MS] = String(watched.heartbeatMs);
  }
  const child = spawn(o.execVia ?? node, o.execVia ? [node, ...agentArgs] : agentArgs, {
    cwd: dir,
    stdio: 'inherit',
    env,
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
  const watch = watched
    ? watchHeartbeat({
        file: watched.file,
        timeoutMs: watched.timeoutMs,
        graceMs: watched.graceMs,
        pollMs: o.pollMs ?? 1000,
        now,
      })
    : undefined;
  const hung = watch ? watch.hung : new Promise<never>(() => {});
  try {
    const first = await Promise.race([exited, stopped, deadline, hung]);
    if (first === 'stopped') return await stop({ kind: 'stopped' });
    if (first === 'deadline') return await stop({ kind: 'deadline' });
    if ('silentMs' in first) {
      log({
        event: 'watchdog',
        slot: start.slot,
        version: start.version,
        timeoutMs: watched?.timeoutMs,
        ...first,
      });
      return await stop({ kind: 'hung', ...first });
    }
    return first;
  } finally {
    clearInterval(timer);
    watch?.stop();
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
