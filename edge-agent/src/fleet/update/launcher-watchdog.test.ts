// The launcher's watchdog with real processes: runLauncher supervises stand-in agents (plain node
// scripts in slot a) that beat through the compiled heartbeat module (run `npx tsc -b` first). One that
// beats and then blocks its event loop is killed (its SIGTERM handler never runs, so SIGKILL) and
// started again; one that never beats is killed after the start grace; a healthy one is left alone;
// with the watchdog off the agent is not asked to beat.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitFor } from '@retail/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLOT_ENTRY } from './install-layout.js';
import { type LauncherOptions, runLauncher, watchdogSettings } from './launcher.js';

const HEARTBEAT_JS = pathToFileURL(
  fileURLToPath(new URL('../../../dist/src/fleet/update/heartbeat.js', import.meta.url)),
).href;

type Mode = 'healthy' | 'hang' | 'mute';

/** Logs its start (and when it blocks) to FIXTURE_RUNS; `healthy` and `hang` beat as run.ts does. */
const standIn = `
const fs = require('node:fs');
const mode = process.env.FIXTURE_MODE;
const log = (o) => fs.appendFileSync(process.env.FIXTURE_RUNS, JSON.stringify({ pid: process.pid, ...o }) + '\\n');
log({ event: 'start', heartbeatFile: process.env.EDGE_HEARTBEAT_FILE ?? null, heartbeatMs: process.env.EDGE_HEARTBEAT_MS ?? null });
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
if (mode !== 'mute')
  import(${JSON.stringify(HEARTBEAT_JS)}).then((m) => {
    const hb = m.heartbeatFromEnv(process.env, (e) => log({ event: 'error', message: e.message }));
    if (mode === 'hang')
      setInterval(() => {
        if (hb.beats < 2) return;
        log({ event: 'blocking', beats: hb.beats });
        for (;;) {}
      }, 5);
  });
`;

type Run = { pid: number; event: string; heartbeatFile?: string | null; heartbeatMs?: string | null };

describe('launcher watchdog', () => {
  let dir: string;
  let root: string;
  let runsFile: string;
  let events: Record<string, unknown>[];
  let stop: AbortController;
  let launcher: Promise<void> | undefined;
  const runs = async (): Promise<Run[]> =>
    (await readFile(runsFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Run);
  const starts = async () => (await runs()).filter((r) => r.event === 'start');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'launcher-watchdog-'));
    root = path.join(dir, 'root');
    runsFile = path.join(dir, 'runs.log');
    const entry = path.join(root, 'slots', 'a', SLOT_ENTRY);
    await mkdir(path.dirname(entry), { recursive: true });
    await writeFile(path.join(root, 'slots', 'a', 'VERSION'), '1.0.0\n');
    await writeFile(entry, standIn);
    await symlink('slots/a', path.join(root, 'current'));
    events = [];
    stop = new AbortController();
  });

  afterEach(async () => {
    stop.abort();
    await launcher;
    launcher = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  function launch(mode: Mode, o: Partial<LauncherOptions> = {}) {
    process.env.FIXTURE_MODE = mode;
    process.env.FIXTURE_RUNS = runsFile;
    launcher = runLauncher({
      root,
      pollMs: 20,
      restartDelayMs: 20,
      stopGraceMs: 200,
      watchdogMs: 1000,
      heartbeatMs: 50,
      log: (e) => events.push(e),
      signal: stop.signal,
      ...o,
    });
  }

  it('kills an agent whose event loop blocks after beating, and starts it again', async () => {
    launch('hang');
    const seen = await waitFor(starts, (s) => s.length >= 2, 20_000);
    const [first, second] = seen;
    const all = await runs();
    // The first run beat, then blocked; the watchdog noticed, and a new process was started after it.
    expect(all.findIndex((r) => r.event === 'blocking' && r.pid === first?.pid)).toBeGreaterThan(0);
    const watchdog = events.find((e) => e.event === 'watchdog');
    expect(watchdog).toMatchObject({ slot: 'a', version: '1.0.0', timeoutMs: 1000 });
    expect(watchdog?.beats).toBeGreaterThanOrEqual(2);
    expect(watchdog?.silentMs).toBeGreaterThan(1000);
    // Its SIGTERM handler could not run on the blocked loop: it was killed.
    expect(events.find((e) => e.event === 'end')).toMatchObject({ kind: 'hung' });
    expect(() => process.kill(first?.pid ?? 0, 0)).toThrow();
    expect(second?.pid).not.toBe(first?.pid);
    expect(second).toMatchObject({ heartbeatFile: path.join(root, 'heartbeat'), heartbeatMs: '50' });
  }, 30_000);

  it('kills an agent that never beats once the start grace is over', async () => {
    launch('mute', { watchdogGraceMs: 300 });
    await waitFor(starts, (s) => s.length >= 2, 20_000);
    expect(events.find((e) => e.event === 'watchdog')).toMatchObject({ beats: 0 });
  }, 30_000);

  it('leaves a healthy agent alone', async () => {
    launch('healthy');
    const file = path.join(root, 'heartbeat');
    // 60 beats of 50 ms: three times the 1 s timeout.
    const seq = async () => Number((await readFile(file, 'utf8').catch(() => '')).split(' ')[1] ?? 0);
    await waitFor(seq, (n) => n >= 60, 20_000);
    expect(await starts()).toHaveLength(1);
    expect((await runs()).filter((r) => r.event === 'error')).toEqual([]);
    expect(events.filter((e) => e.event === 'watchdog' || e.event === 'end')).toEqual([]);
  }, 30_000);

  it('does not ask the agent to beat when the watchdog is off', async () => {
    process.env.EDGE_HEARTBEAT_FILE = path.join(dir, 'inherited');
    try {
      launch('mute', { watchdogMs: 0 });
      const [run] = await waitFor(starts, (s) => s.length >= 1, 20_000);
      expect(run).toMatchObject({ heartbeatFile: null, heartbeatMs: null });
    } finally {
      delete process.env.EDGE_HEARTBEAT_FILE;
    }
  }, 30_000);

  it('refuses settings that would kill a healthy agent', () => {
    expect(() => watchdogSettings({ root, watchdogMs: 100, heartbeatMs: 100 })).toThrow(
      'heartbeatMs (100) must be shorter than watchdogMs (100)',
    );
    expect(watchdogSettings({ root, watchdogMs: 0 })).toBeUndefined();
    expect(watchdogSettings({ root })).toMatchObject({
      timeoutMs: 60_000,
      heartbeatMs: 10_000,
      graceMs: 60_000,
    });
    expect(watchdogSettings({ root, watchdogMs: 2000 })).toMatchObject({ heartbeatMs: 500 });
  });
});
