// The arm64 bundle CI builds (.cache/bundles/edge-agent-arm64.tar.gz), proven on an emulated board:
// extracted, checked against SHA256SUMS, installed by its install.sh into a temp root (the A/B layout:
// slots/a, current, state.json, the update launcher with its own node, the update key), then the
// installed update launcher runs as the systemd unit runs it, on its arm64 node under qemu-user
// (Cortex-A72, scripts/fleet/run-arm64.sh, which also applies the /proc/cpuinfo workaround onnxruntime
// needs under qemu 7.2), and starts slot a's agent (`run`) with the slot's arm64 node — through
// qemu-aarch64-static (--exec-via: no binfmt_misc here, so an emulated process cannot exec an arm64
// binary directly) — against a broker on loopback, with a camera that replays a folder of vtest.avi frames. Every message it publishes must
// decode; it must come online and report the camera's frames. The emulated frame rate is printed as
// one JSON line. Skipped, with the reason in the test name, when the bundle or qemu is missing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DecodedMessage, decodeMessage } from '@retail/contracts';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { ELF_MACHINE, INSTALL_PREFIX } from '../src/fleet/bundle/bundle-layout.js';
import { elfMachine } from '../src/fleet/bundle/elf-machine.js';
import { parseSha256Sums } from '../src/fleet/bundle/sha256-sums.js';
import { EXEC_START } from '../src/fleet/bundle/systemd-unit.js';
import { readHead } from '../src/fleet/bundle/tree-files.js';
import { UpdateManager } from '../src/fleet/update/update-manager.js';
import { startTestBroker, type TestBroker } from './test-broker.js';
import { extractVtestFrames, VTEST_VIDEO, vtestPlazaLayout } from './vtest-plaza.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = path.join(repo, '.cache', 'bundles', 'edge-agent-arm64.tar.gz');
const RUNNER = path.join(repo, 'scripts', 'fleet', 'run-arm64.sh');
const CROSS_LIBC = '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1';
/** Frames replayed in a loop; each takes seconds under emulation, so a few are enough. */
const FRAMES = 4;
/** Frames measured after the first busy metrics window. */
const STEADY_FRAMES = 3;

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const skip = !existsSync(BUNDLE)
  ? `no ${path.relative(repo, BUNDLE)} (CI builds it: edge-agent bundle --arch arm64)`
  : !has('qemu-aarch64-static', '--version')
    ? 'qemu-aarch64-static is missing (Debian qemu-user-static)'
    : !existsSync(CROSS_LIBC)
      ? `${CROSS_LIBC} is missing (Debian libc6-arm64-cross)`
      : !has('unshare', '--version')
        ? 'unshare is missing (util-linux)'
        : !has('ffmpeg', '-version') || !existsSync(VTEST_VIDEO)
          ? `ffmpeg or ${VTEST_VIDEO} is missing (Debian ffmpeg, opencv-doc)`
          : undefined;

const storeId = `arm64-${process.pid}-${Date.now().toString(36)}`;
const gatewayId = 'gw-1';
const base = `retail/v1/${storeId}/${gatewayId}`;

function run(cmd: string, args: string[], cwd?: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('arm64 bundle', () => {
  let dir = '';
  let broker: TestBroker | undefined;
  let hub: mqtt.MqttClient | undefined;
  let agent: ChildProcess | undefined;
  afterAll(async () => {
    if (agent && agent.exitCode === null && agent.signalCode === null) agent.kill('SIGKILL');
    if (hub) {
      await hub.publishAsync(`${base}/status`, '', { retain: true, qos: 1 });
      await hub.endAsync();
    }
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const title = 'installs from its tarball and runs the camera pipeline on an emulated Cortex-A72';
  if (skip) {
    it.skip(`${title} (skipped: ${skip})`, () => {});
    return;
  }

  it(title, async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arm64-bundle-'));
    const bundleBytes = (await stat(BUNDLE)).size;

    // 1. Extract and check every file against SHA256SUMS.
    const extracted = path.join(dir, 'x');
    await mkdir(extracted);
    expect(run('tar', ['-xzf', BUNDLE, '-C', extracted]).status).toBe(0);
    const [top, ...more] = await readdir(extracted);
    expect(more).toEqual([]);
    expect(top).toMatch(/^edge-agent-.+-linux-arm64$/);
    const bundle = path.join(extracted, top as string);
    const check = run('sha256sum', ['--check', '--strict', '--quiet', 'SHA256SUMS'], bundle);
    expect(check.out).toBe('');
    expect(check.status).toBe(0);
    const sums = parseSha256Sums(await readFile(path.join(bundle, 'SHA256SUMS'), 'utf8'));
    expect(sums.errors).toEqual([]);
    const listed = new Set(sums.files.map((f) => f.path));
    for (const f of [
      'VERSION',
      'install.sh',
      'bin/node',
      'bin/edge-agent',
      'app/models/generated/nanodet-g.onnx',
      'app/edge-agent/dist/src/fleet/update/launch.js',
    ])
      expect(listed.has(f), f).toBe(true);
    expect(elfMachine(await readHead(path.join(bundle, 'bin/node'), 20))).toBe(ELF_MACHINE.arm64);

    // 2. install.sh into a temp root: the A/B layout, the launcher copy, the key, the unit.
    const root = path.join(dir, 'root');
    const keyFile = path.join(dir, 'hub.pub');
    await writeFile(
      keyFile,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string,
    );
    const install = run('sh', [
      path.join(bundle, 'install.sh'),
      '--root',
      root,
      '--update-key',
      keyFile,
      '--no-start',
    ]);
    expect(install.status, install.out).toBe(0);
    const version = (await readFile(path.join(bundle, 'VERSION'), 'utf8')).trim();
    const prefix = path.join(root, INSTALL_PREFIX);
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/a');
    expect(await new UpdateManager({ root: prefix }).state()).toMatchObject({
      active: 'a',
      versions: { a: version, b: null },
      pending: null,
    });
    expect(await readFile(path.join(prefix, 'update-key.pub'), 'utf8')).toBe(await readFile(keyFile, 'utf8'));
    expect(await readFile(path.join(root, 'etc/systemd/system/retail-edge.service'), 'utf8')).toContain(
      `ExecStart=${EXEC_START}`,
    );
    expect(elfMachine(await readHead(path.join(prefix, 'launcher/node'), 20))).toBe(ELF_MACHINE.arm64);

    // 3. A store: recorded frames, a layout, a gateway config pointing at a loopback broker.
    const frames = path.join(dir, 'frames');
    await mkdir(frames);
    extractVtestFrames(frames, FRAMES);
    broker = await startTestBroker();
    await writeFile(
      path.join(dir, 'layout.json'),
      JSON.stringify(vtestPlazaLayout({ storeId, gatewayId, mounting: 'oblique' })),
    );
    const config = path.join(dir, 'gateway.json');
    await writeFile(
      config,
      JSON.stringify({
        storeId,
        gatewayId,
        mqtt: { url: broker.url },
        dataDir: path.join(dir, 'data'),
        layoutFile: 'layout.json',
        settings: { windowSeconds: 10, logLevel: 'warn' },
        vision: { sources: { 'cam-vtest': { type: 'folder', path: frames, fps: 0, loop: true } } },
      }),
    );

    // 4. The hub side: every message the agent publishes must decode.
    const received: DecodedMessage[] = [];
    const invalid: string[] = [];
    hub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    hub.on('message', (topic, payload) => {
      if (payload.length === 0) return;
      const d = decodeMessage(topic, payload);
      if (d.ok) received.push(d);
      else invalid.push(`${topic}: ${d.reason}`);
    });
    await hub.subscribeAsync(`${base}/+`, { qos: 1 });

    // 5. The installed launcher, as the unit runs it (its arguments, pointed at the temp root), on its
    //    arm64 node under qemu; it runs slot a's node and agent through qemu-aarch64-static (Cortex-A72).
    const started = Date.now();
    const [launcherNode, ...launcherArgs] = EXEC_START.split(' ').map((a) =>
      a.replace(INSTALL_PREFIX, prefix).replace('/etc/retail-edge/gateway.json', config),
    );
    launcherArgs.splice(launcherArgs.indexOf('--'), 0, '--exec-via', 'qemu-aarch64-static');
    const child = spawn(RUNNER, [launcherNode as string, ...launcherArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', QEMU_CPU: 'cortex-a72' },
    });
    agent = child;
    let stderr = '';
    let fullStderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-4000);
      fullStderr += c.toString();
    });
    const until = async <T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = probe();
        if (v !== undefined) return v;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`agent exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const online = await until(
      () => received.find((d) => d.kind === 'status' && d.message.state === 'online'),
      'status online',
      120_000,
    );
    expect(online.kind).toBe('status');
    const onlineS = (Date.now() - started) / 1000;
    // Per window: the camera's health and the window's length.
    const windows = () =>
      received.flatMap((d) =>
        d.kind === 'metrics'
          ? d.message.cameras
              .filter((c) => c.cameraId === 'cam-vtest')
              .map((c) => ({ ...c, seconds: (d.message.windowEnd - d.message.windowStart) / 1000 }))
          : [],
      );
    const first = await until(
      () => windows().find((c) => c.fps > 0 && c.detectorLatencyMs.p50 > 0),
      'metrics with frames processed',
      180_000,
    );
    // Steady state: the windows after the first busy one (model loading and warm-up excluded).
    const steady = () => windows().slice(windows().indexOf(first) + 1);
    const framesIn = (c: { fps: number; seconds: number }) => Math.round(c.fps * c.seconds);
    await until(
      () => (steady().reduce((n, c) => n + framesIn(c), 0) >= STEADY_FRAMES ? true : undefined),
      `${STEADY_FRAMES} more frames`,
      150_000,
    );
    const busy = steady();
    const steadyFrames = busy.reduce((n, c) => n + framesIn(c), 0);
    const seconds = busy.reduce((n, c) => n + c.seconds, 0);
    const p50s = busy
      .filter((c) => c.fps > 0)
      .map((c) => c.detectorLatencyMs.p50)
      .sort((a, b) => a - b);
    const medianP50 = p50s[Math.floor(p50s.length / 2)] ?? 0;

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (c) => resolve(c));
    });
    expect(code, stderr).toBe(0);
    // One start of the installed version from slot a, and a clean stop.
    const events = fullStderr
      .split('\n')
      .filter((l) => l.startsWith('{"module":"edge.launcher"'))
      .map(
        (l) =>
          JSON.parse(l) as { event: string; status?: string; slot?: string; version?: string; kind?: string },
      );
    expect(events.filter((e) => e.event === 'start')).toEqual([
      expect.objectContaining({ status: 'running', slot: 'a', version }),
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'end', kind: 'stopped' });
    expect(invalid).toEqual([]);
    expect(first.online).toBe(true);
    expect(medianP50).toBeGreaterThan(0);

    process.stdout.write(
      `${JSON.stringify({
        arm64Bundle: {
          emulation: 'qemu-user cortex-a72',
          runBy: 'installed update launcher (arm64 node under qemu)',
          bundleMiB: Math.round((bundleBytes / 2 ** 20) * 10) / 10,
          startToOnlineS: Math.round(onlineS * 10) / 10,
          steadyFrames,
          steadySeconds: seconds,
          emulatedFps: Math.round((steadyFrames / seconds) * 1000) / 1000,
          detectorMsP50: medianP50,
          firstWindowDetectorMsP95: first.detectorLatencyMs.p95,
        },
      })}\n`,
    );
  }, 300_000);
});
