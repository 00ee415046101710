// `hub-server bench ingest`: measures the hub against its broker in one run; JSON on the last line.
import { runIngestBench } from '../bench/ingest-bench.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server bench ingest [--mqtt-url URL] [--database-url URL] [--messages N] [--gateways G] [--inflight K]
                          [--rounds R]

Publishes realistic gateway traffic (heatmap, zones, counts, metrics per 60 s window) from G
simulated gateways and prints, in one run: the broker's raw QoS1 throughput (the baseline), the
hub's end-to-end stored throughput, lost and duplicate counts, and the p50/p99 latency of a
store-day heatmap query. Embedded aedes and SQLite unless URLs are given. Both throughputs vary
from run to run, so it measures R baselines, then R runs through the hub, and reports the pair with the median
ratio (every round is in "rounds").

Options:
  --messages N      total messages (default 20000)
  --gateways G      simulated gateways (default 10)
  --inflight K      unacknowledged publishes per gateway (default 32)
  --rounds R        rounds: R baselines, then R runs through the hub, paired (default 3)
  --ingest-thread T main (default) or worker: where the hub decodes and writes`;

export const benchIngestCommand: Command = {
  name: 'bench ingest',
  summary: 'measure ingest throughput against the raw broker',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        'mqtt-url': { type: 'string' },
        'database-url': { type: 'string' },
        messages: { type: 'string' },
        gateways: { type: 'string' },
        inflight: { type: 'string' },
        rounds: { type: 'string' },
        'ingest-thread': { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const int = (name: string, v: string | undefined, dflt: number, max: number) => {
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max)
        throw new UsageError(`--${name} must be an integer from 1 to ${max}`);
      return n;
    };
    const result = await runIngestBench({
      messages: int('messages', values.messages, 20_000, 10_000_000),
      gateways: int('gateways', values.gateways, 10, 10_000),
      inflight: int('inflight', values.inflight, 32, 1000),
      rounds: int('rounds', values.rounds, 3, 50),
      ...(values['ingest-thread'] === 'worker' && { ingestThread: 'worker' as const }),
      ...(values['mqtt-url'] !== undefined && { mqttUrl: values['mqtt-url'] }),
      ...(values['database-url'] !== undefined && { databaseUrl: values['database-url'] }),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    console.log(JSON.stringify(result));
    return 0;
  },
};
