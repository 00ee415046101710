import type { BeaconTruth } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import type { BeaconFix, Reception } from '../ble-types.js';
import { scoreBleLog, summariseErrors } from './ble-scoring.js';

/** A fake positioner that places the beacon at (its last RSSI + 100, 0): it lets the test see causality. */
class EchoPositioner {
  readonly method = 'trilateration' as const;
  private last = new Map<string, Reception>();
  push(r: Reception): void {
    this.last.set(r.beacon, r);
  }
  fixAt(beacon: string, ts: number): BeaconFix | undefined {
    const r = this.last.get(beacon);
    return r
      ? { ts, beacon, role: 'loyalty', x: r.rssi + 100, y: 0, sigmaM: 1, method: this.method }
      : undefined;
  }
}

describe('scoreBleLog', () => {
  it('scores each truth row with only the receptions up to its time', () => {
    const receptions: Reception[] = [
      { ts: 3000, anchor: 'a', beacon: 'b', rssi: -96 }, // x = 4, heard after the second truth row
      { ts: 1000, anchor: 'a', beacon: 'b', rssi: -99 }, // x = 1
      { ts: 2000, anchor: 'a', beacon: 'b', rssi: -98 }, // x = 2
    ];
    const truths: BeaconTruth[] = [
      { ts: 500, beacon: 'b', x: 0, y: 0 }, // nothing heard yet: missed
      { ts: 2000, beacon: 'b', x: 2, y: 0 }, // error 0 (the reception at exactly 2000 counts)
      { ts: 2500, beacon: 'b', x: 5, y: 0 }, // error 3 (x = 2, not the later 4)
      { ts: 4000, beacon: 'b', x: 4, y: 1 }, // error 1
    ];
    const s = scoreBleLog(new EchoPositioner(), receptions, truths);
    expect(s).toMatchObject({
      samples: 3,
      missed: 1,
      medianErrorM: 1,
      meanErrorM: 1.333,
      method: 'trilateration',
    });
    // p90 of [0, 1, 3], linear interpolation: 1 + 0.8 × 2.
    expect(s.p90ErrorM).toBeCloseTo(2.6, 6);
  });

  it('gives NaN figures when nothing was fixed', () => {
    expect(summariseErrors([], 4, 'fingerprint')).toMatchObject({
      samples: 0,
      missed: 4,
      medianErrorM: Number.NaN,
    });
  });
});
