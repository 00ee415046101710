// Signed A/B updates end to end with real parts: bundles made by tar and served over HTTP (Basic
// auth) by a real server, the compiled launcher as its own process supervising real agent
// processes, and state on disk. v2 confirms; v3 crash-loops and v4 never confirms, and the launcher
// goes back to v2 by itself; tampered or foreign-signed bundles are refused with nothing switched; a
// v6 that hangs (its event loop blocked, so its heartbeat stops) is killed by the launcher's watchdog
// each time and rolled back like a crash loop.
// Then the installed system: install.sh lays out the A/B root from a real-layout bundle, the launcher
// copy it made runs with the unit's arguments, v2 lands in slot b and confirms, a broken v3 rolls back.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitFor } from '@retail/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureOptions, sealBundle, writeBundleTree } from '../src/fleet/bundle/bundle-fixture.js';
import { INSTALL_PREFIX } from '../src/fleet/bundle/bundle-layout.js';
import { EXEC_START } from '../src/fleet/bundle/systemd-unit.js';
import { makeBundle, signFile, tarGz } from '../src/fleet/update/bundle-fixture.js';
import { unpackBundle } from '../src/fleet/update/bundle-unpack.js';
import { SLOT_ENTRY } from '../src/fleet/update/install-layout.js';
import { ENV_ROOT, ENV_SLOT, UpdateManager } from '../src/fleet/update/update-manager.js';
import type { SlotName, UpdateState } from '../src/fleet/update/update-state.js';

const dist = (rel: string) => fileURLToPath(new URL(`../dist/src/fleet/update/${rel}`, import.meta.url));
const AUTH = { username: 'store-1.gw-1', password: 'gateway-password' };
const keys = generateKeyPairSync('ed25519');
const foreignKeys = generateKeyPairSync('ed25519');

type Behaviour = 'healthy' | 'crash' | 'silent' | 'hang';

/**
 * A stand-in agent: logs each start and beats the launcher's watchdog as run.ts does (both through
 * the compiled update code); `healthy` confirms; `hang` blocks its event loop after two beats.
 */
function agentScript(version: string, behaviour: Behaviour): string {
  return `
const fs = require('node:fs');
const path = require('node:path');
const runs = path.join(process.env.EDGE_UPDATE_ROOT, '..', 'runs.log');
fs.appendFileSync(runs, JSON.stringify({ version: ${JSON.stringify(version)}, pid: process.pid, slot: process.env.EDGE_UPDATE_SLOT }) + '\\n');
if (${JSON.stringify(behaviour)} === 'crash') process.exit(3);
import(${JSON.stringify(pathToFileURL(dist('index.js')).href)}).then((m) => {
  const hb = m.heartbeatFromEnv();
  if (${JSON.stringify(behaviour)} === 'healthy') m.UpdateManager.fromEnv().confirmHealthy();
  if (${JSON.stringify(behaviour)} === 'hang')
    setInterval(() => {
      if (hb.beats >= 2) for (;;) {}
    }, 5);
});
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;
}

describe('A/B update with automatic rollback', () => {
  let dir: string;
  let root: string;
  let server: http.Server;
  let base: string;
  let launcher: ChildProcess;
  let launcherLog = '';
  const served = new Map<string, string>();

  type Run = { version: string; pid: number; slot: SlotName };
  const runs = async (): Promise<Run[]> => {
    const text = await readFile(path.join(dir, 'runs.log'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Run);
  };
  const state = () => new UpdateManager({ root }).state();
  const current = () => readlink(path.join(root, 'current'));
  /** The running agent, acting on an update command as the real agent would. */
  const agentManager = (runningSlot: SlotName, healthTimeoutMs = 60_000) =>
    new UpdateManager({ root, runningSlot, publicKey: keys.publicKey, auth: AUTH, healthTimeoutMs });

  async function publish(version: string, behaviour: Behaviour, key = keys.privateKey) {
    const name = `bundle-${version}-${served.size}`;
    const file = await makeBundle(dir, name, version, {
      [SLOT_ENTRY]: agentScript(version, behaviour),
    });
    served.set(`/bundles/${name}`, file);
    const signed = await signFile(file, key);
    return { name: 'update' as const, version, url: `${base}/bundles/${name}`, ...signed, file };
  }

  /** What the old agent does after a successful apply: it exits, and the launcher starts `current`. */
  const exitAgent = (run: Run) => process.kill(run.pid, 'SIGTERM');
  const lastRun = async () => (await runs()).at(-1);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ab-update-'));
    root = path.join(dir, 'root');
    const v1 = await makeBundle(dir, 'v1', '1', { [SLOT_ENTRY]: agentScript('1', 'silent') });
    await unpackBundle(v1, path.join(root, 'slots', 'a'));
    await symlink('slots/a', path.join(root, 'current'));

    server = http.createServer((req, res) => {
      const expected = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return void res.writeHead(401).end();
      const file = served.get(req.url ?? '');
      if (!file) return void res.writeHead(404).end();
      void readFile(file).then((body) => res.writeHead(200, { 'content-length': body.length }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    launcher = spawn(
      process.execPath,
      [
        dist('launch.js'),
        ...['--root', root, '--poll-ms', '50', '--restart-delay-ms', '50', '--max-starts', '3'],
        // The watchdog, quick: beats every 100 ms, 1.5 s of silence is a hang, SIGKILL 300 ms later.
        ...['--watchdog-ms', '1500', '--heartbeat-ms', '100', '--stop-grace-ms', '300'],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    launcher.stderr?.on('data', (chunk: Buffer) => {
      launcherLog += chunk.toString();
    });
  });

  afterAll(async () => {
    if (launcher.exitCode === null && launcher.signalCode === null) {
      const exited = new Promise((resolve) => launcher.once('exit', resolve));
      launcher.kill('SIGTERM');
      await exited;
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads, verifies and switches to a healthy v2, which confirms', async () => {
    const v1 = await waitFor(lastRun, (r) => r?.version === '1', 20_000);
    const cmd = await publish('2', 'healthy');
    const result = await agentManager('a').apply(cmd);
    expect(result).toMatchObject({ ok: true, version: '2', slot: 'b', restart: true });
    exitAgent(v1);
    const confirmed = await waitFor(state, (s) => s.last?.outcome === 'confirmed', 20_000);
    expect(confirmed).toMatchObject({
      active: 'b',
      previous: 'a',
      versions: { a: '1', b: '2' },
      pending: null,
    });
    expect(confirmed.last?.version).toBe('2');
    expect(await current()).toBe('slots/b');
    expect(await lastRun()).toMatchObject({ version: '2', slot: 'b' });
  }, 60_000);

  it('rolls a crash-looping v3 back to v2 by itself, recording why', async () => {
    const v2 = await waitFor(lastRun, (r) => r?.version === '2', 20_000);
    const cmd = await publish('3', 'crash');
    expect(await agentManager('b').apply(cmd)).toMatchObject({ ok: true, slot: 'a' });
    exitAgent(v2);
    const back = await waitFor(state, (s: UpdateState) => s.last?.version === '3', 20_000);
    expect(back).toMatchObject({ active: 'b', pending: null, last: { outcome: 'rolled-back' } });
    expect(back.last?.reason).toMatch(/started 3 times without reporting healthy \(crash loop\)/);
    const again = await waitFor(lastRun, (r) => r?.version === '2' && r.pid !== v2.pid, 20_000);
    expect(again.slot).toBe('b');
    expect((await runs()).filter((r) => r.version === '3')).toHaveLength(3);
    expect(await current()).toBe('slots/b');
    // The hub cannot push the failed version again by accident (a retained command).
    expect(await agentManager('b').apply(cmd)).toMatchObject({ ok: false, detail: /3 was rolled back/ });
  }, 60_000);

  it('rolls back a v4 that runs but never confirms once its deadline passes', async () => {
    const v2 = await waitFor(lastRun, (r) => r?.version === '2', 20_000);
    const cmd = await publish('4', 'silent');
    expect(await agentManager('b', 1500).apply(cmd)).toMatchObject({ ok: true, slot: 'a' });
    exitAgent(v2);
    const back = await waitFor(state, (s: UpdateState) => s.last?.version === '4', 20_000);
    expect(back).toMatchObject({ active: 'b', pending: null, last: { outcome: 'rolled-back' } });
    expect(back.last?.reason).toMatch(/did not report healthy before its deadline/);
    await waitFor(lastRun, (r) => r?.version === '2' && r.pid !== v2.pid, 20_000);
    expect(launcherLog).toMatch(/"event":"rollback"/);
  }, 60_000);

  it('refuses a bundle changed after signing, one signed by another key, and bad credentials', async () => {
    const running = await waitFor(lastRun, (r) => r?.version === '2', 20_000);
    const before = await state();

    const tampered = await publish('5', 'healthy');
    await appendFile(tampered.file, Buffer.from([0]));
    expect(await agentManager('b').apply(tampered)).toMatchObject({ ok: false, detail: /sha256 mismatch/ });

    const foreign = await publish('5', 'healthy', foreignKeys.privateKey);
    expect(await agentManager('b').apply(foreign)).toMatchObject({
      ok: false,
      detail: /signature does not verify with the hub's public key/,
    });

    const stranger = new UpdateManager({
      root,
      runningSlot: 'b',
      publicKey: keys.publicKey,
      auth: { ...AUTH, password: 'guess' },
    });
    expect(await stranger.apply(await publish('5', 'healthy'))).toMatchObject({
      ok: false,
      detail: /HTTP 401/,
    });

    expect(await state()).toEqual(before);
    expect(await current()).toBe('slots/b');
    expect(await lastRun()).toEqual(running); // nothing restarted
  }, 60_000);

  it('rolls back a v6 whose event loop hangs: the watchdog kills each start, then the crash loop', async () => {
    const v2 = await waitFor(lastRun, (r) => r?.version === '2', 20_000);
    const cmd = await publish('6', 'hang');
    expect(await agentManager('b').apply(cmd)).toMatchObject({ ok: true, slot: 'a' });
    exitAgent(v2);
    const back = await waitFor(state, (s: UpdateState) => s.last?.version === '6', 30_000);
    expect(back).toMatchObject({ active: 'b', pending: null, last: { outcome: 'rolled-back' } });
    expect(back.last?.reason).toMatch(/started 3 times without reporting healthy \(crash loop\)/);
    expect((await runs()).filter((r) => r.version === '6')).toHaveLength(3);
    await waitFor(lastRun, (r) => r?.version === '2' && r.pid !== v2.pid, 20_000);
    const watchdog = launcherLog
      .split('\n')
      .filter((l) => l.includes('"event":"watchdog"'))
      .map((l) => JSON.parse(l) as { version: string; beats: number });
    expect(watchdog.map((w) => w.version)).toEqual(['6', '6', '6']);
    expect(watchdog.every((w) => w.beats >= 2)).toBe(true);
    expect(await current()).toBe('slots/b');
  }, 60_000);
});

/**
 * The installed system: a bundle in the real layout installed by its install.sh, the launcher run from
 * the copy install.sh made (`<root>/launcher/`, its own node, no node_modules anywhere above it) with
 * the systemd unit's own arguments, the agent stand-in started from the slot with the slot's bin/node
 * and confirming through the slot's own compiled UpdateManager.
 */
describe('installed by install.sh, run by the installed launcher', () => {
  let dir: string;
  let prefix: string;
  let launcher: ChildProcess;
  let launcherLog = '';
  const hub = generateKeyPairSync('ed25519');

  type Run = {
    version: string;
    pid: number;
    slot: SlotName;
    node: string;
    args: string[];
    heartbeat?: string;
    heartbeatMs?: string;
  };
  const runsFile = () => path.join(dir, 'runs.log');
  const runs = async (): Promise<Run[]> =>
    (await readFile(runsFile(), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Run);
  const lastRun = async () => (await runs()).at(-1);
  const state = () => new UpdateManager({ root: prefix }).state();

  /** The agent stand-in (ESM, as the bundle's agent): logs each start; `healthy` confirms. */
  const standIn = (version: string) => `
import { appendFileSync } from 'node:fs';
appendFileSync(process.env.FIXTURE_RUNS, JSON.stringify({
  version: ${JSON.stringify(version)}, pid: process.pid, slot: process.env.EDGE_UPDATE_SLOT,
  node: process.env.EDGE_FIXTURE_NODE ?? process.execPath, args: process.argv.slice(2),
  heartbeat: process.env.EDGE_HEARTBEAT_FILE, heartbeatMs: process.env.EDGE_HEARTBEAT_MS,
}) + '\\n');
const { UpdateManager, heartbeatFromEnv } = await import('../dist/src/fleet/update/index.js');
heartbeatFromEnv();
await UpdateManager.fromEnv().confirmHealthy();
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;
  const app = (version: string) => ({
    'app/edge-agent/package.json': '{ "type": "module" }\n',
    [SLOT_ENTRY]: standIn(version),
  });

  /** A signed tarball of a sealed real-layout tree, as the hub serves it. */
  async function signedBundle(version: string, o: FixtureOptions) {
    const parent = await mkdtemp(path.join(dir, `tree-${version}-`));
    const tree = await writeBundleTree(parent, version, o);
    await sealBundle(tree);
    const file = await tarGz(parent, path.basename(tree), path.join(dir, `${version}.tar.gz`));
    return { file, version, ...(await signFile(file, hub.privateKey)) };
  }

  /** The agent, acting on an update command: the key install.sh put beside the slots. */
  const agentManager = (slot: SlotName) =>
    UpdateManager.fromEnv({ healthTimeoutMs: 60_000 }, { [ENV_ROOT]: prefix, [ENV_SLOT]: slot });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ab-installed-'));
    const root = path.join(dir, 'root');
    prefix = path.join(root, INSTALL_PREFIX);
    const keyFile = path.join(dir, 'hub.pub');
    await writeFile(keyFile, hub.publicKey.export({ type: 'spki', format: 'pem' }));
    const v1 = await writeBundleTree(await mkdtemp(path.join(dir, 'tree-1-')), '1.0.0', {
      node: 'copy',
      files: app('1.0.0'),
    });
    await sealBundle(v1);
    const install = spawnSync(
      'sh',
      [path.join(v1, 'install.sh'), '--root', root, '--update-key', keyFile, '--no-start'],
      { encoding: 'utf8' },
    );
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);

    // systemd's command line, pointed at the temp root, with short pauses.
    const [node, ...args] = EXEC_START.split(' ').map((a) =>
      a.replace(INSTALL_PREFIX, prefix).replace('/etc/retail-edge/gateway.json', path.join(dir, 'gw.json')),
    );
    args.splice(args.indexOf('--restart-delay-ms') + 1, 1, '50');
    args.splice(args.indexOf('--'), 0, '--poll-ms', '50');
    expect(node).toBe(path.join(prefix, 'launcher', 'node'));
    launcher = spawn(node as string, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, FIXTURE_RUNS: runsFile() },
    });
    launcher.stderr?.on('data', (chunk: Buffer) => {
      launcherLog += chunk.toString();
    });
  });

  afterAll(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
  });

  it('runs v1 from slot a with the slot’s node and the unit’s agent arguments', async () => {
    const v1 = await waitFor(lastRun, (r) => r?.version === '1.0.0', 20_000);
    expect(v1).toMatchObject({ slot: 'a', node: path.join(prefix, 'slots', 'a', 'bin', 'node') });
    expect(v1.args).toEqual(['run', '--config', path.join(dir, 'gw.json')]);
    // The unit's watchdog: the agent is asked to beat into <root>/heartbeat every 10 s.
    expect(v1).toMatchObject({ heartbeat: path.join(prefix, 'heartbeat'), heartbeatMs: '10000' });
    expect(await state()).toMatchObject({ active: 'a', versions: { a: '1.0.0', b: null }, pending: null });
  }, 30_000);

  it('applies a signed v2 into slot b, restarts into it, and v2 confirms', async () => {
    const v1 = await waitFor(lastRun, (r) => r?.version === '1.0.0', 20_000);
    const v2 = await signedBundle('2.0.0', { node: 'script', files: app('2.0.0') });
    expect(await agentManager('a')?.applyFile(v2.file, v2)).toMatchObject({ ok: true, slot: 'b' });
    process.kill(v1.pid, 'SIGTERM'); // the agent exits after an applied update
    const confirmed = await waitFor(state, (s) => s.last?.outcome === 'confirmed', 20_000);
    expect(confirmed).toMatchObject({ active: 'b', versions: { a: '1.0.0', b: '2.0.0' }, pending: null });
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/b');
    expect(await lastRun()).toMatchObject({
      version: '2.0.0',
      slot: 'b',
      node: path.join(prefix, 'slots', 'b', 'bin', 'node'),
    });
  }, 30_000);

  it('rolls a v3 whose node cannot even start back to v2, with the launcher’s own node', async () => {
    const v2 = await waitFor(lastRun, (r) => r?.version === '2.0.0', 20_000);
    const v3 = await signedBundle('3.0.0', {
      node: 'none',
      files: { ...app('3.0.0'), 'bin/node': '#!/bin/sh\necho "v3: broken node" >&2\nexit 1\n' },
    });
    expect(await agentManager('b')?.applyFile(v3.file, v3)).toMatchObject({ ok: true, slot: 'a' });
    process.kill(v2.pid, 'SIGTERM');
    const back = await waitFor(state, (s) => s.last?.version === '3.0.0', 20_000);
    expect(back).toMatchObject({
      active: 'b',
      previous: 'a',
      pending: null,
      last: { outcome: 'rolled-back' },
    });
    expect(back.last?.reason).toMatch(/crash loop/);
    const again = await waitFor(lastRun, (r) => r?.version === '2.0.0' && r.pid !== v2.pid, 20_000);
    expect(again.slot).toBe('b');
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/b');
    expect((await runs()).some((r) => r.version === '3.0.0')).toBe(false);
    expect(launcherLog).toMatch(/"status":"rolled-back"/);
  }, 30_000);

  it('stops with its agent on SIGTERM', async () => {
    const running = await waitFor(lastRun, (r) => r?.version === '2.0.0', 20_000);
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(() => process.kill(running.pid, 0)).toThrow();
  }, 30_000);
});
