// `edge-agent` command line. Usage errors exit 2, failures exit 1.
import { parseArgs } from 'node:util';
import { benchBandwidth, benchBandwidthUsage } from './commands/bench-bandwidth.js';
import { runAgent, runUsage } from './commands/run.js';
import { ConfigError, loadEdgeConfig } from './load-config.js';
import { AGENT_VERSION } from './version.js';

const help = `edge-agent ${AGENT_VERSION} — the store gateway

Usage: edge-agent <command> [options]   (edge-agent <command> --help for details)

Commands:
  run --config FILE       run the gateway
  check-config FILE       validate a gateway config file and the layout it names
  bench bandwidth …       bytes published per camera-hour on a synthetic crowd`;

const checkUsage = `Usage: edge-agent check-config FILE

Validates a gateway config file and the layout it names; lists every problem by field path.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(help);
    return 0;
  }
  if (command === '--version') {
    console.log(AGENT_VERSION);
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        'mqtt-url': { type: 'string' },
        'data-dir': { type: 'string' },
        credentials: { type: 'string' },
        layout: { type: 'string' },
        gateway: { type: 'string' },
        hours: { type: 'string' },
        arrivals: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const { values, positionals } = parsed;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  try {
    switch (command) {
      case 'run': {
        if (values.help) {
          console.log(runUsage);
          return 0;
        }
        const flags = {
          config: str(values.config),
          mqttUrl: str(values['mqtt-url']),
          dataDir: str(values['data-dir']),
          credentials: str(values.credentials),
        };
        return await runAgent(
          Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
          process.env,
        );
      }
      case 'check-config': {
        if (values.help) {
          console.log(checkUsage);
          return 0;
        }
        const file = positionals[0];
        if (!file) {
          console.error(`missing FILE\n\n${checkUsage}`);
          return 2;
        }
        const { config, layout } = await loadEdgeConfig(file);
        console.log(
          `${file}: valid config for ${config.storeId}/${config.gatewayId}` +
            (layout ? ` with layout "${layout.name}" v${layout.layoutVersion}` : ''),
        );
        return 0;
      }
      case 'bench': {
        if (values.help || positionals[0] !== 'bandwidth') {
          console.log(benchBandwidthUsage);
          return values.help ? 0 : 2;
        }
        return await benchBandwidth(values);
      }
      default:
        console.error(`unknown command: ${command}\n\n${help}`);
        return 2;
    }
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `error: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
