// Raw BLE advertising data — a run of AD structures `[length, type, data…]…` — cut into the two
// fields beacons live in: manufacturer-specific data (by company id) and service data (by UUID).
// BlueZ hands the same two fields over D-Bus already decoded; both end up as `AdvertisementFields`.
import { dashedUuid, toHex } from './hex.js';

/** The decoded form, as BlueZ's Device1 gives it: company id → bytes, service UUID → bytes. */
export interface AdvertisementFields {
  /** Company identifier (e.g. 0x004c Apple) → the bytes after the 2-byte company id. */
  manufacturerData: ReadonlyMap<number, Uint8Array>;
  /** Service UUID (normalised, see `normaliseServiceUuid`) → the bytes after the UUID. */
  serviceData: ReadonlyMap<string, Uint8Array>;
}

/** AD types this module reads (Bluetooth Core Supplement, part A). */
export const AD_TYPE = {
  flags: 0x01,
  completeUuid16List: 0x03,
  serviceData16: 0x16,
  serviceData32: 0x20,
  serviceData128: 0x21,
  manufacturerSpecific: 0xff,
} as const;

const BASE_UUID_TAIL = '-0000-1000-8000-00805f9b34fb';

/**
 * The full 128-bit, lower-case, dashed form of a service UUID: `feaa`, `0xFEAA`, `0000FEAA`, a 32-digit
 * or a dashed UUID all work; undefined for anything else.
 */
export function normaliseServiceUuid(uuid: string): string | undefined {
  const s = uuid.trim().toLowerCase().replace(/^0x/, '');
  if (/^[0-9a-f]{4}$/.test(s)) return `0000${s}${BASE_UUID_TAIL}`;
  if (/^[0-9a-f]{8}$/.test(s)) return `${s}${BASE_UUID_TAIL}`;
  if (/^[0-9a-f]{32}$/.test(s)) return dashedUuid(s);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)) return s;
  return undefined;
}

/** A 16-bit assigned number as its full service UUID. */
export function serviceUuid16(n: number): string {
  return `0000${n.toString(16).padStart(4, '0')}${BASE_UUID_TAIL}`;
}

/**
 * Cuts raw advertising data into its fields. Never throws: a zero length ends the data (padding), a structure
 * running past the end is ignored, and so is anything too short to hold its own header. When a company or
 * service appears twice, the first one counts.
 */
export function parseAdStructures(bytes: Uint8Array): AdvertisementFields {
  const manufacturerData = new Map<number, Uint8Array>();
  const serviceData = new Map<string, Uint8Array>();
  let i = 0;
  while (i < bytes.length) {
    const len = bytes[i] ?? 0;
    if (len === 0 || i + 1 + len > bytes.length) break;
    const type = bytes[i + 1] ?? 0;
    const data = bytes.subarray(i + 2, i + 1 + len);
    i += 1 + len;
    if (type === AD_TYPE.manufacturerSpecific && data.length >= 2) {
      const company = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
      if (!manufacturerData.has(company)) manufacturerData.set(company, data.subarray(2));
      continue;
    }
    const uuidBytes = serviceDataUuidLength(type);
    if (uuidBytes > 0 && data.length >= uuidBytes) {
      // UUIDs travel little-endian; their text form is big-endian.
      const uuid = normaliseServiceUuid(toHex(data.subarray(0, uuidBytes).slice().reverse()));
      if (uuid && !serviceData.has(uuid)) serviceData.set(uuid, data.subarray(uuidBytes));
    }
  }
  return { manufacturerData, serviceData };
}

function serviceDataUuidLength(type: number): number {
  if (type === AD_TYPE.serviceData16) return 2;
  if (type === AD_TYPE.serviceData32) return 4;
  if (type === AD_TYPE.serviceData128) return 16;
  return 0;
}

/** Loose decoded input (plain objects as JSON or D-Bus give them, or maps), with UUID keys in any accepted form. */
export interface AdvertisementFieldsInput {
  manufacturerData?: ReadonlyMap<number, Uint8Array> | Readonly<Record<string, Uint8Array>>;
  serviceData?: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
}

/** Normalises decoded input: company ids as numbers (0..0xffff), service UUIDs in their full form; bad keys dropped. */
export function advertisementFields(input: AdvertisementFieldsInput): AdvertisementFields {
  const manufacturerData = new Map<number, Uint8Array>();
  for (const [key, value] of entriesOf(input.manufacturerData)) {
    const company = typeof key === 'number' ? key : Number(key);
    if (Number.isInteger(company) && company >= 0 && company <= 0xffff && value instanceof Uint8Array) {
      manufacturerData.set(company, value);
    }
  }
  const serviceData = new Map<string, Uint8Array>();
  for (const [key, value] of entriesOf(input.serviceData)) {
    const uuid = normaliseServiceUuid(String(key));
    if (uuid && value instanceof Uint8Array) serviceData.set(uuid, value);
  }
  return { manufacturerData, serviceData };
}

function entriesOf<K extends string | number>(
  m: ReadonlyMap<K, Uint8Array> | Readonly<Record<string, Uint8Array>> | undefined,
): Iterable<[K | string, unknown]> {
  if (m === undefined) return [];
  if (m instanceof Map) return m.entries();
  return Object.entries(m);
}
