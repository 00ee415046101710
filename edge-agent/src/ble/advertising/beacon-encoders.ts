// The other direction: beacon frames as the bytes a tag or the loyalty app puts on the air, both as raw
// AD structures and as the decoded fields BlueZ would report. For the simulator (it can emit what a real
// scanner hears) and for round-trip tests of the parser.
import { AD_TYPE, type AdvertisementFields } from './ad-structures.js';
import {
  APPLE_COMPANY_ID,
  type BeaconFrame,
  EDDYSTONE_FRAME,
  EDDYSTONE_SERVICE_UUID,
  EDDYSTONE_SERVICE_UUID16,
  IBEACON_PREFIX,
} from './beacon-frames.js';
import { parseBeaconId } from './beacon-ids.js';
import { fromHex } from './hex.js';

/** A typical calibrated power for a phone or tag, dBm at 1 m. */
export const DEFAULT_TX_POWER = -59;

/** LE General Discoverable, BR/EDR not supported. */
const FLAGS = [0x02, AD_TYPE.flags, 0x06];

/** The frame for a canonical id (opaque ids have none), with the given calibrated power. */
export function beaconFrameForId(canonicalId: string, txPower = DEFAULT_TX_POWER): BeaconFrame | undefined {
  const parsed = parseBeaconId(canonicalId);
  if (!parsed) return undefined;
  if (parsed.kind === 'eid') return { kind: 'eddystone-eid', eid: parsed.eid, txPower };
  return { ...parsed, txPower };
}

/** The payload after the company id (iBeacon) or after the service UUID (Eddystone). */
export function encodeBeaconPayload(frame: BeaconFrame): Uint8Array {
  checkTxPower(frame.txPower);
  const power = frame.txPower & 0xff;
  switch (frame.kind) {
    case 'ibeacon': {
      checkUint16('major', frame.major);
      checkUint16('minor', frame.minor);
      const uuid = hexBytes('uuid', frame.uuid.replaceAll('-', ''), 16);
      return Uint8Array.from([
        ...IBEACON_PREFIX,
        ...uuid,
        frame.major >> 8,
        frame.major & 0xff,
        frame.minor >> 8,
        frame.minor & 0xff,
        power,
      ]);
    }
    case 'eddystone-uid':
      return Uint8Array.from([
        EDDYSTONE_FRAME.uid,
        power,
        ...hexBytes('namespace', frame.namespace, 10),
        ...hexBytes('instance', frame.instance, 6),
        0x00, // reserved for future use
        0x00,
      ]);
    case 'eddystone-eid':
      return Uint8Array.from([EDDYSTONE_FRAME.eid, power, ...hexBytes('eid', frame.eid, 8)]);
  }
}

/** The frame as BlueZ's Device1 reports it (ManufacturerData / ServiceData). */
export function encodeAdvertisementFields(frame: BeaconFrame): AdvertisementFields {
  const payload = encodeBeaconPayload(frame);
  return frame.kind === 'ibeacon'
    ? { manufacturerData: new Map([[APPLE_COMPANY_ID, payload]]), serviceData: new Map() }
    : { manufacturerData: new Map(), serviceData: new Map([[EDDYSTONE_SERVICE_UUID, payload]]) };
}

/** The whole advertising data (≤ 31 bytes): flags, then the beacon's AD structures. */
export function encodeAdvertisement(frame: BeaconFrame): Uint8Array {
  const payload = encodeBeaconPayload(frame);
  if (frame.kind === 'ibeacon') {
    const company = [APPLE_COMPANY_ID & 0xff, APPLE_COMPANY_ID >> 8];
    return Uint8Array.from([
      ...FLAGS,
      1 + 2 + payload.length,
      AD_TYPE.manufacturerSpecific,
      ...company,
      ...payload,
    ]);
  }
  const uuid = [EDDYSTONE_SERVICE_UUID16 & 0xff, EDDYSTONE_SERVICE_UUID16 >> 8];
  return Uint8Array.from([
    ...FLAGS,
    3,
    AD_TYPE.completeUuid16List,
    ...uuid,
    1 + 2 + payload.length,
    AD_TYPE.serviceData16,
    ...uuid,
    ...payload,
  ]);
}

function hexBytes(field: string, hex: string, length: number): Uint8Array {
  const bytes = fromHex(hex);
  if (!bytes || bytes.length !== length) throw new RangeError(`${field} must be ${2 * length} hex digits`);
  return bytes;
}

function checkUint16(field: string, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff)
    throw new RangeError(`${field} must be 0..65535, got ${n}`);
}

function checkTxPower(n: number): void {
  if (!Number.isInteger(n) || n < -128 || n > 127)
    throw new RangeError(`txPower must be -128..127 dBm, got ${n}`);
}
