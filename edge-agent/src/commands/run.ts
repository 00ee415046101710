// `edge-agent run --config FILE`: the gateway process; runs until SIGINT/SIGTERM. Under the update
// launcher it also beats the launcher's watchdog (EDGE_HEARTBEAT_FILE) from its main event loop.
import path from 'node:path';
import { EdgeAgent } from '../agent.js';
import { type Heartbeat, heartbeatFromEnv, UpdateManager } from '../fleet/update/index.js';
import { loadEdgeConfig } from '../load-config.js';
import { createLogger } from '../logger.js';

export const runUsage = `Usage: edge-agent run --config FILE [--mqtt-url URL] [--data-dir DIR]

Runs the gateway: connects to the hub's broker, announces itself (retained status with a last will),
and follows the configuration the hub pushes.

Options:
  --config FILE     gateway config JSON (see README "Configuration")     [EDGE_CONFIG]
  --mqtt-url URL    override the broker URL in the config file          [EDGE_MQTT_URL]
  --data-dir DIR    override where the gateway keeps its state          [EDGE_DATA_DIR]
  --credentials F   MQTT credentials from provisioning, {"username","password"}  [EDGE_CREDENTIALS]

Under the update launcher, EDGE_HEARTBEAT_FILE / EDGE_HEARTBEAT_MS ask for a watchdog heartbeat.`;

export interface RunFlags {
  config?: string;
  mqttUrl?: string;
  dataDir?: string;
  credentials?: string;
}

export async function runAgent(flags: RunFlags, env: NodeJS.ProcessEnv): Promise<number> {
  const file = flags.config ?? env.EDGE_CONFIG;
  if (!file) {
    console.error(`missing --config\n\n${runUsage}`);
    return 2;
  }
  // Before the config and the models load, so that a slow start still beats. Write errors go to
  // stderr until the logger exists, then to the logger; they never stop the agent.
  let reportHeartbeat = (err: Error) => console.error(err.message);
  const heartbeat = heartbeatFromEnv(env, (err) => reportHeartbeat(err));
  try {
    return await runGateway(file, flags, env, heartbeat, (report) => {
      reportHeartbeat = report;
    });
  } finally {
    heartbeat?.stop();
  }
}

async function runGateway(
  file: string,
  flags: RunFlags,
  env: NodeJS.ProcessEnv,
  heartbeat: Heartbeat | undefined,
  setHeartbeatReport: (report: (err: Error) => void) => void,
): Promise<number> {
  const mqttUrl = flags.mqttUrl ?? env.EDGE_MQTT_URL;
  const dataDir = flags.dataDir ?? env.EDGE_DATA_DIR;
  const credentialsFile = flags.credentials ?? env.EDGE_CREDENTIALS;
  const { config, layout } = await loadEdgeConfig(file, {
    ...(mqttUrl !== undefined && { mqttUrl }),
    ...(dataDir !== undefined && { dataDir }),
    ...(credentialsFile !== undefined && { credentialsFile }),
  });
  const logger = createLogger(env.LOG_LEVEL ?? config.settings.logLevel, config.gatewayId);
  setHeartbeatReport((err) => logger.warn({ err: err.message }, 'watchdog heartbeat not written'));
  if (heartbeat)
    logger.info({ file: heartbeat.file, intervalMs: heartbeat.intervalMs }, 'watchdog heartbeat on');
  const { username, password } = config.mqtt;
  const updates = UpdateManager.fromEnv({
    ...(username && password && { auth: { username, password } }),
  });
  if (updates) logger.info({ last: (await updates.state()).last }, 'run by the update launcher');
  const agent = new EdgeAgent({
    config,
    logger,
    baseDir: path.dirname(path.resolve(file)),
    ...(layout && { layout }),
    ...(updates && { updates }),
    onRestartRequested: () => process.kill(process.pid, 'SIGTERM'),
  });
  await agent.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('stopping');
  await agent.stop();
  return 0;
}
