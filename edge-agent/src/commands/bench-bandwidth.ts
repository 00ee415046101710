// `edge-agent bench bandwidth`: bytes a gateway publishes per camera-hour (JSON on the last line).
import { readFile } from 'node:fs/promises';
import { describeIssues, seededRandom, storeLayoutSchema } from '@retail/contracts';
import { runBandwidthBench } from '../bench/bandwidth-bench.js';

export const benchBandwidthUsage = `Usage: edge-agent bench bandwidth --layout FILE --gateway G [--hours H] [--arrivals N] [--seed S]

Runs the real window aggregation and contract encoding on a synthetic crowd walking the store
(N shoppers arriving per hour, 10% opted in) for H simulated hours, and reports the bytes the
gateway would publish per camera-hour against the 50 kbit/s-per-camera target.`;

export async function benchBandwidth(values: Record<string, unknown>): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const file = str('layout');
  const gateway = str('gateway');
  if (!file || !gateway) {
    console.error(`--layout and --gateway are required\n\n${benchBandwidthUsage}`);
    return 2;
  }
  const num = (k: string, dflt: number) => {
    const v = str(k);
    const n = v === undefined ? dflt : Number(v);
    if (!(n > 0)) throw new Error(`--${k} must be a positive number`);
    return n;
  };
  const parsed = storeLayoutSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    console.error(`${file} is not a valid layout:\n${describeIssues(parsed.error)}`);
    return 1;
  }
  const result = runBandwidthBench({
    layout: parsed.data,
    gatewayId: gateway,
    hours: num('hours', 2),
    arrivalsPerHour: num('arrivals', 400),
    random: seededRandom(num('seed', 1)),
  });
  console.log(JSON.stringify(result));
  return 0;
}
