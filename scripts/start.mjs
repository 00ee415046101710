#!/usr/bin/env node
// `npm start`: builds what changed, starts the hub (embedded broker, HTTP API, dashboard), then the
// demo store's two gateways under the emulator (a simulated trading day at 60× speed seen by their
// cameras, through the real gateway pipeline) pointed at whatever broker port the hub ended up on,
// and imports that day's till transactions and shopper sessions. Ctrl-C stops them all, gateways
// first. Run again the same day, the emulator resumes the day where it stopped (it keeps its progress
// in .data/emulator/progress/), so the hub never counts a simulated hour twice; once the day is over
// the hub keeps running. Logs from every process are pretty-printed into this terminal.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as pretty } from 'pino-pretty';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'fixtures/stores/demo-supermarket');
const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`Usage: npm start [-- --reset] [-- --speed N] [-- --restart-day]

Starts the hub with its embedded MQTT broker and dashboard, and the demo store's two gateways under
the emulator (today's simulated trading day, from opening time, at --speed sim seconds per second).
Re-running keeps the data and continues today's simulated day where the last run stopped; a day played
to its end is not played again (the hub keeps running).
  --reset        forget the demo's saved state (.data/) first: a fresh hub and today's day from opening
  --speed N      emulation speed (default 60: a store hour a minute)
  --restart-day  play today's day from opening time again, keeping the hub's data (its hours then
                 count twice: --reset is the clean way)
  --video        instead of the emulator: real footage (Debian opencv-doc's vtest.avi, through ffmpeg)
                 as the front gateway's entrance camera, through the real detector (npm run demo:video)`);
  process.exit(0);
}
const speedArg = args.indexOf('--speed');
const speed = speedArg >= 0 ? Number(args[speedArg + 1]) : 60;
if (!(speed > 0)) {
  console.error('--speed must be a positive number');
  process.exit(2);
}

const dataDir = path.join(root, '.data');
if (args.includes('--reset')) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

console.log('Building (incremental)…');
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const children = [];
/** `finishes`: the process may end by itself (exit code 0) without the demo stopping. */
function launch(name, script, argv, { finishes = false, nodeFlags = [] } = {}) {
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, script), ...argv], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env },
    // Own process group: a terminal Ctrl-C reaches only this script, which stops the children in order.
    detached: true,
  });
  child.stdout.pipe(
    pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,app', singleLine: true, destination: 1 }),
  );
  child.on('exit', (code, signal) => {
    if (finishes && code === 0 && !stopping) {
      console.log(`${name}: done for the day; the hub keeps running — Ctrl-C stops it`);
    } else if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the demo`);
      void stopAll(1);
    }
  });
  children.push({ name, child });
  return child;
}

let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  // Reverse order: gateways say goodbye while the broker still runs.
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// Last resort if this script dies: do not leave detached children running.
process.on('exit', () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const hubArgs = ['--data-dir', path.join(dataDir, 'hub')];
const hubCli = (...argv) => {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'hub-server/bin/hub-server.js'), ...argv, ...hubArgs],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    console.error(`hub-server ${argv.join(' ')} failed`);
    process.exit(1);
  }
  return r.stdout;
};

// First run: the demo store's layout and catalogue, and credentials for its gateways (kept in .data/).
const gateways = ['gw-front', 'gw-back'];
const credentialsOf = (gw) => path.join(dataDir, 'edge', `${gw}.credentials.json`);
mkdirSync(path.join(dataDir, 'edge'), { recursive: true });
if (!existsSync(path.join(dataDir, 'hub', 'hub.sqlite'))) {
  console.log('First run: importing the demo store…');
  hubCli('import', 'layout', path.join(demo, 'layout.json'));
  hubCli('import', 'catalogue', path.join(demo, 'catalogue.csv'));
}
for (const gw of gateways) {
  if (!existsSync(credentialsOf(gw))) {
    hubCli(
      'provision',
      'gateway',
      '--store',
      'demo-supermarket',
      '--gateway',
      gw,
      '--out',
      credentialsOf(gw),
    );
  }
}

const readyFile = path.join(dataDir, 'hub-ready.json');
rmSync(readyFile, { force: true });
launch(
  'hub-server',
  'hub-server/bin/hub-server.js',
  ['start', '--demo-users', '--ready-file', readyFile, ...hubArgs],
  // As the bin's own first line asks for (see hub-server/bin/hub-server.js).
  { nodeFlags: ['--max-semi-space-size=32'] },
);

const deadline = Date.now() + 30_000;
while (!existsSync(readyFile)) {
  if (Date.now() > deadline || stopping) {
    console.error('the hub did not start within 30 s');
    await stopAll(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
const { httpUrl, brokerUrl } = JSON.parse(readFileSync(readyFile, 'utf8'));

const VTEST = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
if (args.includes('--video')) {
  if (!existsSync(VTEST)) {
    console.error(`${VTEST} is missing: apt-get install opencv-doc ffmpeg`);
    await stopAll(1);
  }
  // The front gateway as configured, with the entrance camera fed by the video at its own pace.
  const config = JSON.parse(readFileSync(path.join(demo, 'gateways', 'gw-front.json'), 'utf8'));
  config.layoutFile = path.join(demo, 'layout.json');
  config.vision = {
    sources: { 'cam-entrance': { type: 'ffmpeg', input: VTEST, realtime: true, loop: true } },
  };
  const configFile = path.join(dataDir, 'edge', 'gw-front.video.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  launch('gw-front (video)', 'edge-agent/bin/edge-agent.js', [
    'run',
    '--config',
    configFile,
    '--mqtt-url',
    brokerUrl,
    '--data-dir',
    path.join(dataDir, 'edge-video'),
    '--credentials',
    credentialsOf('gw-front'),
  ]);
  console.log(`
Demo running on real footage — Ctrl-C stops it.
  Dashboard: ${httpUrl}/   (sign-ins are printed above by the hub; Fleet shows the camera's fps)
  Video:     ${VTEST} as cam-entrance of gw-front, NanoDet on onnxruntime
`);
} else {
  await runEmulatedDemo();
}

async function runEmulatedDemo() {
  const emulatorDir = path.join(dataDir, 'emulator');
  launch(
    'gateways',
    'edge-agent/bin/edge-agent.js',
    [
      'emulate',
      '--scenario',
      path.join(root, 'fixtures/scenarios/cross-merch.json'),
      '--speed',
      String(speed),
      '--mqtt-url',
      brokerUrl,
      '--credentials-dir',
      path.join(dataDir, 'edge'),
      '--data-dir',
      emulatorDir,
      '--date',
      'today',
      ...(args.includes('--restart-day') ? ['--restart-day'] : []),
    ],
    { finishes: true },
  );

  // The emulator writes the simulated day's truth before its gateways start; the day's till
  // transactions and the loyalty shoppers' zone visits go into the hub (once per day), which is what
  // basket rules and recommendations are computed from.
  const truthDir = path.join(emulatorDir, 'truth');
  const importDeadline = Date.now() + 60_000;
  let imported = false;
  while (!imported && Date.now() < importDeadline && !stopping) {
    const days = existsSync(truthDir) ? readdirSync(truthDir).sort() : [];
    const day = days.at(-1);
    const pos = day && path.join(truthDir, day, 'pos.csv');
    const visits = day && path.join(truthDir, day, 'visits.csv');
    if (pos && visits && existsSync(pos) && existsSync(visits)) {
      const marker = path.join(truthDir, day, '.imported');
      if (!existsSync(marker)) {
        console.log(`Importing the simulated day's till transactions and zone visits (${day})…`);
        hubCli('import', 'transactions', pos);
        hubCli('import', 'visits', visits, '--store', 'demo-supermarket');
        const appMembers = path.join(truthDir, day, 'app-members.csv');
        if (existsSync(appMembers)) hubCli('import', 'app-members', appMembers);
        writeFileSync(marker, new Date().toISOString());
      }
      imported = true;
    } else {
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  console.log(`
Demo running — Ctrl-C stops it.
  Dashboard: ${httpUrl}/   (sign-ins and an API token are printed above by the hub)
  API:       ${httpUrl}/api/v1/stores   (OpenAPI: ${httpUrl}/api/openapi.json)
  Metrics:   ${httpUrl}/metrics
  MQTT:      ${brokerUrl}
`);
}
