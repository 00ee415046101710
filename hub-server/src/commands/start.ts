// `hub-server start`: broker (embedded unless --mqtt-url), fleet status, HTTP API; runs until SIGINT/SIGTERM.
import { rename, writeFile } from 'node:fs/promises';
import { createAnalyticsService } from '../analytics/service/analytics-service.js';
import { createAdminToken } from '../auth/bootstrap-users.js';
import { formatDemoLogins } from '../http/demo-logins.js';
import { Hub } from '../hub.js';
import { loadHubConfig } from '../load-config.js';
import { createLogger } from '../logger.js';
import { type Command, parseFlags } from './cli-kit.js';
import { configSources } from './config-flags.js';

const usage = `Usage: hub-server start [options]

Starts the hub: the MQTT broker (embedded aedes unless --mqtt-url), gateway status, and the HTTP API.

Options:
  --config FILE      JSON configuration file (see README "Configuration")
  --port N           HTTP port (default 8080; the next free port is taken if it is busy)   [HUB_PORT]
  --mqtt-url URL     use an external broker, e.g. mqtt://127.0.0.1:1883                   [HUB_MQTT_URL]
  --mqtt-port N      embedded broker port (default 1883; a free port is taken if busy)   [HUB_MQTT_PORT]
  --data-dir DIR     where the hub keeps its data (default .data/hub)                    [HUB_DATA_DIR]
  --database-url URL PostgreSQL, e.g. postgres://user@host/db (default: SQLite in the data dir) [HUB_DATABASE_URL]
  --worker-id ID     this worker's name when several hubs share a broker (default main)   [HUB_WORKER_ID]
  --ready-file FILE  once running, write {"httpUrl","brokerUrl"} there (for scripts that start gateways)
  --demo-users       make sure one demo account per role exists, with new passwords, print them
                     and a new admin API token (for a demo, never in production)
  -h, --help         this text`;

export const startCommand: Command = {
  name: 'start',
  summary: 'run the hub (broker, ingest, API)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        config: { type: 'string' },
        port: { type: 'string' },
        'mqtt-url': { type: 'string' },
        'mqtt-port': { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'worker-id': { type: 'string' },
        'ready-file': { type: 'string' },
        'demo-users': { type: 'boolean' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const config = await loadHubConfig(configSources(values));
    const logger = createLogger(config.logLevel);
    const hub = new Hub({ config, logger, analytics: (repo, now) => createAnalyticsService(repo, { now }) });
    await hub.start();
    if (values['ready-file']) {
      // Whole or not at all: scripts poll for the file and read it as soon as it exists.
      const ready = values['ready-file'];
      await writeFile(
        `${ready}.tmp`,
        JSON.stringify({ httpUrl: hub.httpUrl, brokerUrl: hub.brokerUrl, pid: process.pid }),
      );
      await rename(`${ready}.tmp`, ready);
    }
    process.stdout.write(
      `\nHub running.\n  API:      ${hub.httpUrl}/api/v1/gateways\n  Metrics:  ${hub.httpUrl}/metrics\n  MQTT:     ${hub.brokerUrl}\n\n`,
    );
    if (values['demo-users']) {
      process.stdout.write(formatDemoLogins(await hub.ensureDemoUsers(), hub.httpUrl));
      const { token } = await createAdminToken(hub.repo.users, 'demo', { now: Date.now(), owner: 'admin' });
      process.stdout.write(`  API token: ${token}\n\n`);
    }
    await waitForSignal();
    logger.info('stopping');
    await hub.stop();
    return 0;
  },
};

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
