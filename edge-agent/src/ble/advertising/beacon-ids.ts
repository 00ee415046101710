// Canonical beacon ids, the one spelling every source produces and every table is keyed by:
//   ibeacon:<uuid, lower-case, dashed>:<major>:<minor>
//   eddystone-uid:<namespace, 20 hex>:<instance, 12 hex>
//   eid:<16 hex>            (Eddystone-EID; our loyalty app's rotating identifier)
// Anything else (e.g. the simulator's `staff-0001`) is an opaque id, compared as written.

export type BeaconIdKind = 'ibeacon' | 'eddystone-uid' | 'eid';

export type ParsedBeaconId =
  | { kind: 'ibeacon'; uuid: string; major: number; minor: number }
  | { kind: 'eddystone-uid'; namespace: string; instance: string }
  | { kind: 'eid'; eid: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const IBEACON_RE = new RegExp(`^ibeacon:(${UUID}):(\\d{1,5}):(\\d{1,5})$`, 'i');
const EDDYSTONE_UID_RE = /^eddystone-uid:([0-9a-f]{20}):([0-9a-f]{12})$/i;
const EID_RE = /^eid:([0-9a-f]{16})$/i;

/** The parts of a canonical id written in any letter case; undefined for opaque ids and malformed ones. */
export function parseBeaconId(id: string): ParsedBeaconId | undefined {
  const ib = IBEACON_RE.exec(id);
  if (ib) {
    const major = Number(ib[2]);
    const minor = Number(ib[3]);
    if (major > 0xffff || minor > 0xffff) return undefined;
    return { kind: 'ibeacon', uuid: (ib[1] ?? '').toLowerCase(), major, minor };
  }
  const uid = EDDYSTONE_UID_RE.exec(id);
  if (uid) {
    return {
      kind: 'eddystone-uid',
      namespace: (uid[1] ?? '').toLowerCase(),
      instance: (uid[2] ?? '').toLowerCase(),
    };
  }
  const eid = EID_RE.exec(id);
  if (eid) return { kind: 'eid', eid: (eid[1] ?? '').toLowerCase() };
  return undefined;
}

export function formatBeaconId(parsed: ParsedBeaconId): string {
  switch (parsed.kind) {
    case 'ibeacon':
      return `ibeacon:${parsed.uuid}:${parsed.major}:${parsed.minor}`;
    case 'eddystone-uid':
      return `eddystone-uid:${parsed.namespace}:${parsed.instance}`;
    case 'eid':
      return `eid:${parsed.eid}`;
  }
}

/**
 * The canonical spelling of an id: canonical forms in any case (and majors with leading zeros) come back
 * lower-case; opaque ids come back unchanged (only trimmed).
 */
export function normaliseBeaconId(id: string): string {
  const trimmed = id.trim();
  const parsed = parseBeaconId(trimmed);
  return parsed ? formatBeaconId(parsed) : trimmed;
}

/** The 16 hex of an `eid:` id (a loyalty candidate the hub resolves or discards); undefined for anything else. */
export function rotatingIdOf(canonicalId: string): string | undefined {
  const parsed = parseBeaconId(canonicalId);
  return parsed?.kind === 'eid' ? parsed.eid : undefined;
}

/** The `eid:` id for a rotating identifier (16 hex), e.g. what the simulator's app phones advertise. */
export function eidBeaconId(rotatingId: string): string {
  if (!/^[0-9a-f]{16}$/i.test(rotatingId)) throw new RangeError('a rotating id must be 16 hex digits');
  return `eid:${rotatingId.toLowerCase()}`;
}
