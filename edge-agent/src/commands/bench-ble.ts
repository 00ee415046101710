// `edge-agent bench ble`: what BLE positioning costs on the gateway — µs per position update for N
// beacons × M anchors at 1 Hz on a seeded synthetic log, our positioner beside a weighted-centroid and a
// brute-force grid-search baseline in the same run, with each one's accuracy on the same log.
import type { BeaconFix, PositioningMethod, Reception } from '../ble/ble-types.js';
import { GridSearchPositioner, WeightedCentroidPositioner } from '../ble/eval/baseline-positioners.js';
import { type SyntheticLog, syntheticLog } from '../ble/eval/synthetic-receptions.js';
import { Positioner, quantile } from '../ble/positioning/index.js';
import { numberFlag } from './vision-flags.js';

export const benchBleUsage = `Usage: edge-agent bench ble [--beacons 200] [--anchors 10] [--seconds 60] [--seed 1]

Generates a seeded synthetic store (anchors on a grid over 40 × 25 m, walkers at ~1 m/s, 6 dB
shadowing) and times one position update per beacon per second through our positioner (filters,
trilateration, motion filter), a weighted centroid and a 0.25 m grid search. Prints µs per update,
the share of one core needed at 1 Hz and the median/p90 error of each as JSON on the last line.`;

interface Candidate {
  push(r: Reception): void;
  fixAt(beacon: string, ts: number): BeaconFix | undefined;
  method: PositioningMethod;
}

function run(make: () => Candidate, log: SyntheticLog, beacons: number, seconds: number) {
  const p = make();
  const errors: number[] = [];
  let next = 0;
  let updates = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < seconds; s++) {
    const end = log.startTs + (s + 1) * 1000;
    while (next < log.receptions.length && (log.receptions[next] as Reception).ts < end) {
      p.push(log.receptions[next] as Reception);
      next++;
    }
    const truth = log.truth[s] ?? [];
    for (let b = 0; b < beacons; b++) {
      const fix = p.fixAt(`b${b}`, end - 1);
      updates++;
      const t = truth[b];
      if (fix && t) errors.push(Math.hypot(fix.x - t[0], fix.y - t[1]));
    }
  }
  const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const usPerUpdate = wallUs / Math.max(1, updates);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    updates,
    usPerUpdate: r2(usPerUpdate),
    cpuUsPerUpdate: r2((cpu.user + cpu.system) / Math.max(1, updates)),
    // At 1 Hz every beacon is updated once a second: beacons × µs per update out of 1e6 µs.
    coreShareAt1Hz: Math.round(((beacons * usPerUpdate) / 1e6) * 10000) / 10000,
    medianErrorM: r2(quantile(errors, 0.5)),
    p90ErrorM: r2(quantile(errors, 0.9)),
  };
}

export async function benchBle(values: Record<string, unknown>): Promise<number> {
  const beacons = numberFlag(values.beacons, 'beacons', 200, 1, 100_000);
  const anchorCount = numberFlag(values.anchors, 'anchors', 10, 3, 1000);
  const seconds = numberFlag(values.seconds, 'seconds', 60, 1, 3600);
  const seed = numberFlag(values.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const widthM = 40;
  const depthM = 25;
  console.error(`generating ${beacons} beacons × ${anchorCount} anchors × ${seconds} s…`);
  const log = syntheticLog({
    beacons,
    anchors: anchorCount,
    seconds,
    seed,
    widthM,
    depthM,
    shadowingDb: 6,
    sensitivityDbm: -95,
    lossRate: 0.2,
  });
  const bounds = { minX: 0, minY: 0, maxX: widthM, maxY: depthM };
  const candidates: Record<string, () => Candidate> = {
    positioner: () => new Positioner({ anchors: log.anchors, method: 'trilateration', floor: { bounds } }),
    weightedCentroid: () => new WeightedCentroidPositioner(log.anchors),
    gridSearch: () => new GridSearchPositioner(log.anchors, bounds),
  };
  const results: Record<string, ReturnType<typeof run>> = {};
  for (const [name, make] of Object.entries(candidates)) {
    console.error(`${name}: warm-up…`);
    run(make, log, beacons, Math.min(5, seconds));
    console.error(`${name}: timing ${seconds} s…`);
    results[name] = run(make, log, beacons, seconds);
  }
  console.log(
    JSON.stringify({ beacons, anchors: anchorCount, seconds, receptions: log.receptions.length, ...results }),
  );
  return 0;
}
