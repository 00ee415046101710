// Beacon frames inside an advertisement: Apple iBeacon (manufacturer data) and Eddystone UID / EID
// (service data of 0xFEAA). Everything else — URL and TLM frames, other manufacturers, phones without a
// beacon frame — is not a beacon: undefined, never an exception.
import {
  type AdvertisementFields,
  type AdvertisementFieldsInput,
  advertisementFields,
  parseAdStructures,
  serviceUuid16,
} from './ad-structures.js';
import { formatBeaconId } from './beacon-ids.js';
import { dashedUuid, toHex } from './hex.js';

export type BeaconFrame =
  | {
      kind: 'ibeacon';
      /** Lower-case dashed UUID. */
      uuid: string;
      major: number;
      minor: number;
      /** Measured power at 1 m, dBm (signed byte). */
      txPower: number;
    }
  | {
      kind: 'eddystone-uid';
      /** 20 lower-case hex. */
      namespace: string;
      /** 12 lower-case hex. */
      instance: string;
      /** Calibrated power at 0 m, dBm. */
      txPower: number;
    }
  | {
      kind: 'eddystone-eid';
      /** 16 lower-case hex. */
      eid: string;
      /** Calibrated power at 0 m, dBm. */
      txPower: number;
    };

export const APPLE_COMPANY_ID = 0x004c;
/** iBeacon's type and length bytes after Apple's company id. */
export const IBEACON_PREFIX = [0x02, 0x15] as const;
export const EDDYSTONE_SERVICE_UUID16 = 0xfeaa;
export const EDDYSTONE_SERVICE_UUID = serviceUuid16(EDDYSTONE_SERVICE_UUID16);
export const EDDYSTONE_FRAME = { uid: 0x00, url: 0x10, tlm: 0x20, eid: 0x30 } as const;

/** Raw AD bytes, or the decoded fields BlueZ gives. */
export type AdvertisementInput = Uint8Array | AdvertisementFieldsInput;

/** The first beacon frame found (iBeacon before Eddystone); undefined when there is none. */
export function beaconFrameOf(input: AdvertisementInput): BeaconFrame | undefined {
  const fields: AdvertisementFields =
    input instanceof Uint8Array ? parseAdStructures(input) : advertisementFields(input);
  const apple = fields.manufacturerData.get(APPLE_COMPANY_ID);
  const ibeacon = apple && decodeIBeacon(apple);
  if (ibeacon) return ibeacon;
  const eddystone = fields.serviceData.get(EDDYSTONE_SERVICE_UUID);
  return eddystone && decodeEddystone(eddystone);
}

/** The canonical beacon id of an advertisement (see beacon-ids.ts); undefined when it carries no beacon frame. */
export function beaconIdOfAdvertisement(input: AdvertisementInput): string | undefined {
  const frame = beaconFrameOf(input);
  return frame && beaconIdOfFrame(frame);
}

export function beaconIdOfFrame(frame: BeaconFrame): string {
  switch (frame.kind) {
    case 'ibeacon':
      return formatBeaconId(frame);
    case 'eddystone-uid':
      return formatBeaconId(frame);
    case 'eddystone-eid':
      return formatBeaconId({ kind: 'eid', eid: frame.eid });
  }
}

/** Apple manufacturer data (after the company id): 02 15, UUID(16), major(2, BE), minor(2, BE), power(1). */
export function decodeIBeacon(data: Uint8Array): BeaconFrame | undefined {
  if (data.length < 23 || data[0] !== IBEACON_PREFIX[0] || data[1] !== IBEACON_PREFIX[1]) return undefined;
  return {
    kind: 'ibeacon',
    uuid: dashedUuid(toHex(data.subarray(2, 18))),
    major: ((data[18] ?? 0) << 8) | (data[19] ?? 0),
    minor: ((data[20] ?? 0) << 8) | (data[21] ?? 0),
    txPower: signedByte(data[22] ?? 0),
  };
}

/** Eddystone service data: UID (00, power, namespace 10, instance 6[, RFU 2]) or EID (30, power, EID 8). */
export function decodeEddystone(data: Uint8Array): BeaconFrame | undefined {
  const frameType = data[0];
  if (frameType === EDDYSTONE_FRAME.uid && data.length >= 18) {
    return {
      kind: 'eddystone-uid',
      namespace: toHex(data.subarray(2, 12)),
      instance: toHex(data.subarray(12, 18)),
      txPower: signedByte(data[1] ?? 0),
    };
  }
  if (frameType === EDDYSTONE_FRAME.eid && data.length >= 10) {
    return { kind: 'eddystone-eid', eid: toHex(data.subarray(2, 10)), txPower: signedByte(data[1] ?? 0) };
  }
  return undefined;
}

function signedByte(b: number): number {
  return b > 127 ? b - 256 : b;
}
