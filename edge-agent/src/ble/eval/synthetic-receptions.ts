// Synthetic radio for benchmarks: beacons walking a rectangular floor, anchors on a grid, receptions
// from the log-distance model with log-normal shadowing, a sensitivity floor and dropped packets.
// Seeded, so runs repeat exactly.
import { seededRandom } from '@retail/contracts';
import type { AnchorSpec, Reception } from '../ble-types.js';
import {
  DEFAULT_BEACON_HEIGHT_M,
  DEFAULT_PATH_LOSS,
  distance3d,
  rssiAtDistance,
} from '../positioning/log-distance.js';

export interface SyntheticOptions {
  beacons: number;
  anchors: number;
  seconds: number;
  seed: number;
  widthM: number;
  depthM: number;
  shadowingDb: number;
  /** Receptions below this are not heard. */
  sensitivityDbm: number;
  /** Share of advertisements lost anyway. */
  lossRate: number;
}

export interface SyntheticLog {
  anchors: AnchorSpec[];
  /** Time-ordered; one advertisement per beacon per second, heard by some anchors. */
  receptions: Reception[];
  /** Where each beacon was at each whole second: truth[s][b] = [x, y]. */
  truth: [number, number][][];
  startTs: number;
}

/** Anchors on a near-square grid over the floor, 2.5 m up. */
export function gridAnchors(count: number, widthM: number, depthM: number): AnchorSpec[] {
  const cols = Math.ceil(Math.sqrt((count * widthM) / depthM));
  const rows = Math.ceil(count / cols);
  return Array.from({ length: count }, (_, i) => ({
    id: `a${i + 1}`,
    x: ((i % cols) + 0.5) * (widthM / cols),
    y: (Math.floor(i / cols) + 0.5) * (depthM / rows),
    z: 2.5,
  }));
}

export function syntheticLog(o: SyntheticOptions): SyntheticLog {
  const rnd = seededRandom(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const anchors = gridAnchors(o.anchors, o.widthM, o.depthM);
  const startTs = 1_700_000_000_000;
  const pos = Array.from(
    { length: o.beacons },
    () => [rnd() * o.widthM, rnd() * o.depthM] as [number, number],
  );
  const heading = pos.map(() => rnd() * 2 * Math.PI);
  const receptions: Reception[] = [];
  const truth: [number, number][][] = [];
  for (let s = 0; s < o.seconds; s++) {
    truth.push(pos.map((p) => [p[0], p[1]] as [number, number]));
    for (let b = 0; b < o.beacons; b++) {
      const p = pos[b] as [number, number];
      const ts = startTs + s * 1000 + Math.floor((b * 997) % 1000);
      for (const a of anchors) {
        if (rnd() < o.lossRate) continue;
        const rssi = rssiAtDistance(distance3d(a, p[0], p[1], DEFAULT_BEACON_HEIGHT_M), DEFAULT_PATH_LOSS);
        const heard = Math.round(rssi + o.shadowingDb * gauss());
        if (heard >= o.sensitivityDbm) receptions.push({ ts, anchor: a.id, beacon: `b${b}`, rssi: heard });
      }
      // A walker at about 1 m/s who turns now and then and stays on the floor.
      let h = (heading[b] as number) + 0.3 * gauss();
      let nx = p[0] + Math.cos(h);
      let ny = p[1] + Math.sin(h);
      if (nx < 0 || nx > o.widthM || ny < 0 || ny > o.depthM) {
        h += Math.PI;
        nx = Math.min(o.widthM, Math.max(0, p[0] + Math.cos(h)));
        ny = Math.min(o.depthM, Math.max(0, p[1] + Math.sin(h)));
      }
      heading[b] = h;
      pos[b] = [nx, ny];
    }
  }
  receptions.sort((a, b) => a.ts - b.ts);
  return { anchors, receptions, truth, startTs };
}
