#!/usr/bin/env node
// `npm start`: builds what changed, starts the hub (embedded broker, HTTP API), then the demo store's
// emulated gateways pointed at whatever broker port the hub ended up on. Ctrl-C stops them all,
// gateways first. Logs from every process are pretty-printed into this terminal.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as pretty } from 'pino-pretty';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'fixtures/stores/demo-supermarket');
const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`Usage: npm start [-- --reset]

Starts the hub with its embedded MQTT broker and the demo store's gateways.
  --reset   forget the demo's saved state (.data/) first`);
  process.exit(0);
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
function launch(name, script, argv) {
  const child = spawn(process.execPath, [path.join(root, script), ...argv], {
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
    if (!stopping) {
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
launch('hub-server', 'hub-server/bin/hub-server.js', ['start', '--ready-file', readyFile, ...hubArgs]);

const deadline = Date.now() + 30_000;
while (!existsSync(readyFile)) {
  if (Date.now() > deadline || stopping) {
    console.error('the hub did not start within 30 s');
    await stopAll(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
const { httpUrl, brokerUrl } = JSON.parse(readFileSync(readyFile, 'utf8'));

for (const gw of gateways) {
  launch(gw, 'edge-agent/bin/edge-agent.js', [
    'run',
    '--config',
    path.join(demo, 'gateways', `${gw}.json`),
    '--mqtt-url',
    brokerUrl,
    '--data-dir',
    path.join(dataDir, 'edge'),
    '--credentials',
    credentialsOf(gw),
  ]);
}

console.log(`
Demo running — Ctrl-C stops it.
  Gateways:  ${httpUrl}/api/v1/gateways
  Metrics:   ${httpUrl}/metrics
  MQTT:      ${brokerUrl}
`);
