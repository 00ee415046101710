// Which beacons the store knows: staff tags (from the layout), calibration beacons, and — when the store
// takes part in loyalty linkage — any Eddystone-EID id (the app's rotating identifier; the gateway cannot
// verify it, the hub resolves or discards it). Everything else is a stranger: the caller drops it at once,
// counts it, and never logs or keeps its id.
import type { BeaconRole } from '../ble-types.js';
import { normaliseBeaconId, rotatingIdOf } from './beacon-ids.js';

export interface BeaconRegistryOptions {
  /** The layout's `staffTags`; `beaconId` is a canonical id in any case, or an opaque id such as `staff-0001`. */
  staffTags?: readonly { beaconId: string }[];
  /** Beacons carried around during a calibration walk (fingerprint survey). */
  calibrationBeaconIds?: readonly string[];
  /** Whether `eid:` ids are kept as loyalty candidates (the store has opted into loyalty linkage). */
  acceptLoyalty: boolean;
}

export type ClassifyBeacon = (beaconId: string) => BeaconRole | undefined;

export interface BeaconClassifier {
  /** The role of a beacon id (any spelling of a canonical id, or an opaque id); undefined for a stranger. */
  readonly classify: ClassifyBeacon;
  readonly staffCount: number;
  readonly calibrationCount: number;
  readonly acceptsLoyalty: boolean;
}

/**
 * Builds the classifier. A registered id takes precedence over the loyalty rule (a staff tag that happens to
 * be an EID frame is staff). Throws, naming the id, when one id is both a staff tag and a calibration beacon:
 * that is a configuration error to fix, not something to guess about.
 */
export function createBeaconClassifier(options: BeaconRegistryOptions): BeaconClassifier {
  const staff = new Set((options.staffTags ?? []).map((t) => normaliseBeaconId(t.beaconId)));
  const calibration = new Set((options.calibrationBeaconIds ?? []).map(normaliseBeaconId));
  for (const id of calibration) {
    if (staff.has(id))
      throw new RangeError(`beacon "${id}" is listed both as a staff tag and as a calibration beacon`);
  }
  const acceptsLoyalty = options.acceptLoyalty;
  const classify: ClassifyBeacon = (beaconId) => {
    const id = normaliseBeaconId(beaconId);
    if (staff.has(id)) return 'staff';
    if (calibration.has(id)) return 'calibration';
    if (acceptsLoyalty && rotatingIdOf(id) !== undefined) return 'loyalty';
    return undefined;
  };
  return { classify, staffCount: staff.size, calibrationCount: calibration.size, acceptsLoyalty };
}
