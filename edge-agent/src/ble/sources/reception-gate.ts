// The one place every source lets a reception through: the beacon id in canonical spelling, known to the
// store (staff, calibration, loyalty candidate) — or dropped at once and only counted. A stranger's id
// goes no further than this function: not into a log, a buffer or a callback.
import { type ClassifyBeacon, normaliseBeaconId } from '../advertising/index.js';
import type { Reception, ReceptionCounters } from '../ble-types.js';

export interface ReceptionGate {
  /** Delivers `r` (beacon id normalised) when its beacon is known; counts a stranger otherwise. */
  offer(r: Reception): boolean;
}

export function createReceptionGate(
  classify: ClassifyBeacon,
  counters: ReceptionCounters,
  deliver: (r: Reception) => void,
): ReceptionGate {
  return {
    offer(r) {
      const beacon = normaliseBeaconId(r.beacon);
      if (classify(beacon) === undefined) {
        counters.strangers += 1;
        return false;
      }
      counters.delivered += 1;
      deliver({ ts: r.ts, anchor: r.anchor, beacon, rssi: r.rssi });
      return true;
    },
  };
}
