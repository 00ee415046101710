// ESPresense's MQTT output, read into receptions (pure). ESPresense (ESP32 room scanners) publishes
// `espresense/devices/<deviceId>/<room>` with JSON such as
// `{"id":"iBeacon:<uuid>-<major>-<minor>","rssi":-71,"rssi@1m":-59,"distance":2.3,"mac":"…",…}`.
// Device ids with a known beacon format map to our canonical ids:
//   iBeacon:<uuid>-<major>-<minor>     → ibeacon:<uuid>:<major>:<minor>
//   eddy:<namespace>-<instance>        → eddystone-uid:<20 hex>:<12 hex>  (ESPresense prints namespace byte 4
//                                        twice, 22 hex digits; the 20-digit spelling is accepted too)
//   our canonical ids and plain aliases (ESPresense lets a device be given an alias id, e.g. `staff-0001`)
// Everything else — raw MACs, `apple:…`, `md:…`, `sd:…`, `name:…`, `known:…`, `irk:…` — is a stranger.
// A stranger's payload is never parsed, its id never leaves this module.
import { RSSI_RANGE_DBM } from '@retail/contracts';
import {
  type ClassifyBeacon,
  formatBeaconId,
  normaliseBeaconId,
  parseBeaconId,
} from '../advertising/index.js';
import type { Reception } from '../ble-types.js';

/** Larger payloads are refused before parsing (ESPresense's are ~300 bytes). */
export const ESPRESENSE_MAX_PAYLOAD_BYTES = 4096;

export type EspresenseRejectReason =
  | 'oversized'
  | 'bad-topic'
  | 'not-json'
  | 'not-an-object'
  | 'rssi-missing'
  | 'rssi-out-of-range'
  | 'bad-timestamp'
  | 'id-mismatch';

export type EspresenseOutcome =
  | { kind: 'reception'; reception: Reception }
  | { kind: 'stranger' }
  | { kind: 'malformed'; reason: EspresenseRejectReason; detail: string };

export interface EspresenseContext {
  /** Topic prefix, `espresense` by default (no trailing slash). */
  prefix: string;
  classify: ClassifyBeacon;
  /** Room → anchor id; rooms it does not know keep their name as anchor id. */
  anchorOfRoom: (room: string) => string;
  /** Arrival time, for payloads without their own timestamp. */
  arrivalTs: number;
}

const IBEACON_ID =
  /^ibeacon:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d{1,5})-(\d{1,5})$/i;
const EDDY_ID = /^eddy:([0-9a-f]{20}|[0-9a-f]{22})-([0-9a-f]{12})$/i;
const MAC_HEX = /^[0-9a-f]{12}$/i;

/** The subscription filter for a prefix. */
export function espresenseTopicFilter(prefix: string): string {
  return `${prefix}/devices/+/+`;
}

/** `<prefix>/devices/<deviceId>/<room>` → its parts; undefined for any other topic. */
export function parseEspresenseTopic(
  topic: string,
  prefix: string,
): { deviceId: string; room: string } | undefined {
  const head = `${prefix}/devices/`;
  if (!topic.startsWith(head)) return undefined;
  const rest = topic.slice(head.length).split('/');
  if (rest.length !== 2) return undefined;
  const [deviceId = '', room = ''] = rest;
  return deviceId && room ? { deviceId, room } : undefined;
}

/** Our canonical id for an ESPresense device id (or the alias as written); undefined for device-derived ids. */
export function beaconIdOfEspresenseId(deviceId: string): string | undefined {
  const ib = IBEACON_ID.exec(deviceId);
  if (ib) {
    const major = Number(ib[2]);
    const minor = Number(ib[3]);
    if (major > 0xffff || minor > 0xffff) return undefined;
    return formatBeaconId({ kind: 'ibeacon', uuid: (ib[1] ?? '').toLowerCase(), major, minor });
  }
  const eddy = EDDY_ID.exec(deviceId);
  if (eddy) {
    const namespace = eddystoneNamespace((eddy[1] ?? '').toLowerCase());
    return (
      namespace &&
      formatBeaconId({ kind: 'eddystone-uid', namespace, instance: (eddy[2] ?? '').toLowerCase() })
    );
  }
  if (parseBeaconId(deviceId)) return normaliseBeaconId(deviceId);
  // ESPresense's own ids are a MAC or `<kind>:<…>`; a plain word is an alias someone chose.
  if (MAC_HEX.test(deviceId) || deviceId.includes(':')) return undefined;
  return deviceId;
}

/** ESPresense's 22-digit form repeats byte 4 (hex digits 8–9 at 10–11); drop the copy. */
function eddystoneNamespace(hex: string): string | undefined {
  if (hex.length === 20) return hex;
  return hex.slice(8, 10) === hex.slice(10, 12) ? hex.slice(0, 10) + hex.slice(12) : undefined;
}

/** Reads one MQTT message; never throws. */
export function readEspresenseMessage(
  topic: string,
  payload: Uint8Array,
  ctx: EspresenseContext,
): EspresenseOutcome {
  if (payload.length > ESPRESENSE_MAX_PAYLOAD_BYTES) {
    return malformed(
      'oversized',
      `payload of ${payload.length} bytes exceeds ${ESPRESENSE_MAX_PAYLOAD_BYTES}`,
    );
  }
  const where = parseEspresenseTopic(topic, ctx.prefix);
  if (!where) return malformed('bad-topic', `expected ${espresenseTopicFilter(ctx.prefix)}`);
  const beacon = beaconIdOfEspresenseId(where.deviceId);
  if (beacon === undefined || ctx.classify(beacon) === undefined) return { kind: 'stranger' };

  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return malformed('not-json', 'payload is not UTF-8 JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return malformed('not-an-object', 'expected a JSON object');
  }
  const fields = doc as Record<string, unknown>;
  if (
    fields.id !== undefined &&
    (typeof fields.id !== 'string' || fields.id.toLowerCase() !== where.deviceId.toLowerCase())
  ) {
    return malformed('id-mismatch', 'field "id" differs from the device id in the topic');
  }
  const rssi = fields.rssi;
  if (typeof rssi !== 'number' || !Number.isFinite(rssi))
    return malformed('rssi-missing', 'field "rssi": expected a number');
  if (rssi < RSSI_RANGE_DBM.min || rssi > RSSI_RANGE_DBM.max) {
    return malformed(
      'rssi-out-of-range',
      `field "rssi": expected ${RSSI_RANGE_DBM.min}..${RSSI_RANGE_DBM.max} dBm, got ${rssi}`,
    );
  }
  const ts = timestampOf(fields.timestamp ?? fields.ts, ctx.arrivalTs);
  if (ts === undefined)
    return malformed('bad-timestamp', 'field "timestamp": expected epoch s/ms or an ISO 8601 time');
  return { kind: 'reception', reception: { ts, anchor: ctx.anchorOfRoom(where.room), beacon, rssi } };
}

/** Epoch milliseconds (≥ 1e12), epoch seconds (≥ 1e9, fractional allowed) or an ISO string; absent → arrival. */
function timestampOf(value: unknown, arrivalTs: number): number | undefined {
  if (value === undefined || value === null) return arrivalTs;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value >= 1e12 && value < 1e14) return Math.round(value);
    if (value >= 1e9 && value < 1e11) return Math.round(value * 1000);
    return undefined;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

function malformed(reason: EspresenseRejectReason, detail: string): EspresenseOutcome {
  return { kind: 'malformed', reason, detail };
}
