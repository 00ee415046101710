// Entry point of the launcher, for systemd (systemd-unit.ts writes it):
//   ExecStart=/opt/retail-edge/launcher/node /opt/retail-edge/launcher/launch.js --root /opt/retail-edge \
//     --restart-delay-ms 10000 --watchdog-ms 60000 -- run --config /etc/retail-edge/gateway.json
// It imports only node:* and the files beside it, so it runs from the copy install.sh puts outside
// the A/B slots (<root>/launcher/, with its own node).
import { parseArgs } from 'node:util';
import { runLauncher } from './launcher.js';

const usage = `Usage: launch.js --root DIR [--entry app/edge-agent/bin/edge-agent.js] [--max-starts 3]
                 [--poll-ms 1000] [--restart-delay-ms 1000] [--stop-grace-ms 10000]
                 [--watchdog-ms 60000] [--watchdog-grace-ms MS] [--heartbeat-ms MS]
                 [--exec-via PROGRAM] -- AGENT ARGS…

Runs the agent of the active slot of an A/B install and rolls a failed update back by itself.
Watchdog: the agent rewrites <root>/heartbeat every --heartbeat-ms (default 10000, at most a quarter
of the timeout); when it is older than --watchdog-ms (0: off), or there is none --watchdog-grace-ms
(default the timeout) after a start, the agent is stopped and started again.`;

function count(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min)
    throw new Error(
      `--${name}: "${text}" is not a ${min === 0 ? 'whole number ≥ 0' : 'positive whole number'}`,
    );
  return n;
}

/** An optional positive count: absent stays absent (the launcher's default applies). */
function optionalCount(name: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : count(name, text, 0);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      root: { type: 'string' },
      entry: { type: 'string' },
      'exec-via': { type: 'string' },
      'max-starts': { type: 'string' },
      'poll-ms': { type: 'string' },
      'restart-delay-ms': { type: 'string' },
      'stop-grace-ms': { type: 'string' },
      'watchdog-ms': { type: 'string' },
      'watchdog-grace-ms': { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const root = values.root ?? process.env.EDGE_UPDATE_ROOT;
  if (!root) throw new Error(`--root is required\n\n${usage}`);
  const graceMs = optionalCount('watchdog-grace-ms', values['watchdog-grace-ms']);
  const heartbeatMs = optionalCount('heartbeat-ms', values['heartbeat-ms']);
  const stop = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => stop.abort());
  await runLauncher({
    root,
    ...(values.entry !== undefined && { entry: values.entry }),
    ...(values['exec-via'] !== undefined && { execVia: values['exec-via'] }),
    args: positionals,
    maxStarts: count('max-starts', values['max-starts'], 3),
    pollMs: count('poll-ms', values['poll-ms'], 1000),
    restartDelayMs: count('restart-delay-ms', values['restart-delay-ms'], 1000),
    stopGraceMs: count('stop-grace-ms', values['stop-grace-ms'], 10_000),
    watchdogMs: count('watchdog-ms', values['watchdog-ms'], 60_000, 0),
    ...(graceMs !== undefined && { watchdogGraceMs: graceMs }),
    ...(heartbeatMs !== undefined && { heartbeatMs }),
    log: (event) =>
      process.stderr.write(`${JSON.stringify({ module: 'edge.launcher', ts: Date.now(), ...event })}\n`),
    signal: stop.signal,
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`launch: ${err.message}\n`);
    process.exitCode = 1;
  },
);
