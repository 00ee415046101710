// Who advertises in a simulated store: every opted-in shopper's phone (the loyalty app's rotating id),
// every staff member's tag, and some passing phones nobody registered (strangers). Each emitter walks a
// trajectory of the day's truth. Pure: the rotating id comes from an injected function.

import { ROTATION_SLOT_MS, type RotatingIdFor, rotationSlot } from '@retail/contracts';
import { streamOf } from '../../simulator/random-streams.js';
import type { DayTruth, Trajectory } from '../../simulator/truth.js';

export type EmitterKind = 'loyalty' | 'staff' | 'stranger';

export interface Emitter {
  /** Stable key for the random streams (session id, staff id, stranger number); never delivered. */
  key: string;
  kind: EmitterKind;
  trajectory: Trajectory;
  /** The canonical beacon id advertised at `ts`. */
  beaconAt(ts: number): string;
}

export interface DayEmittersOptions {
  /** The loyalty app's id for a slot (hmacRotatingId with a real HMAC, see node-hmac.ts). */
  rotatingIdFor: RotatingIdFor;
  /** Non-app shoppers whose phones advertise a random address (0). */
  strangers?: number;
  /** Seeds the choice of strangers and their addresses. */
  seed: number;
  /** Rotation period of the app's id and the strangers' random addresses (15 min). */
  slotMs?: number;
}

/** The loyalty app's beacon id at `ts`: `eid:` and the 16 hex of the slot's rotating id. */
export function loyaltyBeaconAt(
  secret: string,
  rotatingIdFor: RotatingIdFor,
  slotMs = ROTATION_SLOT_MS,
): (ts: number) => string {
  let slot = Number.NaN;
  let id = '';
  return (ts) => {
    const s = rotationSlot(ts, slotMs);
    if (s !== slot) {
      slot = s;
      id = `eid:${rotatingIdFor(secret, s)}`;
    }
    return id;
  };
}

/** Every emitter of a simulated day, in the order: app users, staff tags, strangers. */
export function emittersOfDay(day: Pick<DayTruth, 'shoppers' | 'staff'>, o: DayEmittersOptions): Emitter[] {
  const slotMs = o.slotMs ?? ROTATION_SLOT_MS;
  const out: Emitter[] = [];
  const others: { key: string; trajectory: Trajectory }[] = [];
  for (const s of day.shoppers) {
    if (!s.trajectory) continue;
    if (s.identity.appOptedIn && s.identity.appSecret) {
      out.push({
        key: s.sessionId,
        kind: 'loyalty',
        trajectory: s.trajectory,
        beaconAt: loyaltyBeaconAt(s.identity.appSecret, o.rotatingIdFor, slotMs),
      });
    } else {
      others.push({ key: s.sessionId, trajectory: s.trajectory });
    }
  }
  for (const s of day.staff) {
    const tag = s.beaconId;
    if (tag && s.trajectory)
      out.push({ key: s.staffId, kind: 'staff', trajectory: s.trajectory, beaconAt: () => tag });
  }
  const wanted = o.strangers ?? 0;
  if (!Number.isInteger(wanted) || wanted < 0) {
    throw new RangeError(`strangers must be a whole number ≥ 0, got ${wanted}`);
  }
  const count = Math.min(wanted, others.length);
  // A seeded partial shuffle picks which non-app shoppers carry an advertising phone.
  const random = streamOf(o.seed, 'ble-strangers');
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (others.length - i));
    [others[i], others[j]] = [others[j]!, others[i]!];
    const { key, trajectory } = others[i]!;
    out.push({
      key: `stranger:${key}`,
      kind: 'stranger',
      trajectory,
      beaconAt: strangerBeaconAt(o.seed, key, slotMs),
    });
  }
  return out;
}

/** A phone's random private address, changing every slot: `mac:` and six hex octets. */
function strangerBeaconAt(seed: number, key: string, slotMs: number): (ts: number) => string {
  let slot = Number.NaN;
  let id = '';
  return (ts) => {
    const s = rotationSlot(ts, slotMs);
    if (s !== slot) {
      slot = s;
      const random = streamOf(seed, 'ble-stranger-address', key, s);
      const octets = Array.from({ length: 6 }, () =>
        Math.floor(random() * 256)
          .toString(16)
          .padStart(2, '0'),
      );
      id = `mac:${octets.join(':')}`;
    }
    return id;
  };
}
