import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseServiceUuid, parseAdStructures } from './ad-structures.js';
import {
  beaconFrameForId,
  encodeAdvertisement,
  encodeAdvertisementFields,
  encodeBeaconPayload,
} from './beacon-encoders.js';
import { type BeaconFrame, beaconFrameOf, beaconIdOfAdvertisement } from './beacon-frames.js';
import { fromHex } from './hex.js';

function hex(s: string): Uint8Array {
  const bytes = fromHex(s.replaceAll(' ', ''));
  if (!bytes) throw new Error(`bad hex in test: ${s}`);
  return bytes;
}

describe('iBeacon', () => {
  // A real iBeacon advertisement as a scanner dumps it: flags, then Apple manufacturer data.
  const raw = hex('020106 1aff4c00 0215 e2c56db5dffb48d2b060d0f5a71096e0 0001 0002 c5');

  it('parses raw AD structures into the canonical id', () => {
    expect(beaconIdOfAdvertisement(raw)).toBe('ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2');
    expect(beaconFrameOf(raw)).toMatchObject({ kind: 'ibeacon', major: 1, minor: 2, txPower: -59 });
  });

  it('parses the decoded map BlueZ gives (company id → bytes)', () => {
    const data = hex('0215 E2C56DB5DFFB48D2B060D0F5A71096E0 ffff 0100 bf');
    expect(beaconIdOfAdvertisement({ manufacturerData: { 76: data } })).toBe(
      'ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:65535:256',
    );
    expect(beaconIdOfAdvertisement({ manufacturerData: new Map([[0x004c, data]]) })).toBeDefined();
  });

  it('is not a beacon for other Apple messages or other companies', () => {
    // Apple "Nearby Info" (type 0x10), the kind every iPhone sends.
    expect(beaconIdOfAdvertisement({ manufacturerData: { 76: hex('1005 0b1c 6a5f3e') } })).toBeUndefined();
    // The iBeacon bytes under Microsoft's company id.
    const ib = hex('0215 e2c56db5dffb48d2b060d0f5a71096e0 0001 0002 c5');
    expect(beaconIdOfAdvertisement({ manufacturerData: { 6: ib } })).toBeUndefined();
    // Truncated iBeacon.
    expect(beaconIdOfAdvertisement({ manufacturerData: { 76: ib.subarray(0, 22) } })).toBeUndefined();
  });
});

describe('Eddystone', () => {
  it('UID frame (raw, 16-bit service data) → eddystone-uid:<20 hex>:<12 hex>', () => {
    const raw = hex('020106 0303aafe 1716aafe 00 e7 8b5b6b3a4a2c1d0e0f10 aabbccddeeff 0000');
    expect(beaconIdOfAdvertisement(raw)).toBe('eddystone-uid:8b5b6b3a4a2c1d0e0f10:aabbccddeeff');
  });

  it('EID frame → eid:<16 hex>, from either input form and any UUID key spelling', () => {
    const sd = hex('30 f0 0123456789ABCDEF');
    for (const key of ['0000feaa-0000-1000-8000-00805f9b34fb', 'FEAA', '0xfeaa', '0000FEAA']) {
      expect(beaconIdOfAdvertisement({ serviceData: { [key]: sd } })).toBe('eid:0123456789abcdef');
    }
    expect(beaconIdOfAdvertisement(hex('020106 0d16aafe 30f0 0123456789abcdef'))).toBe(
      'eid:0123456789abcdef',
    );
  });

  it('URL and TLM frames, short frames and other services are not beacons', () => {
    const url = hex('10 eb 03 676f6f676c65 07'); // https://google.com
    const tlm = hex('20 00 0bb8 1900 00000010 00000020');
    for (const sd of [url, tlm, hex('00 e7 0102'), hex('30 f0 0123'), new Uint8Array()]) {
      expect(beaconIdOfAdvertisement({ serviceData: { feaa: sd } })).toBeUndefined();
    }
    // The EID bytes under the exposure-notification service.
    expect(beaconIdOfAdvertisement({ serviceData: { fd6f: hex('30 f0 0123456789abcdef') } })).toBeUndefined();
  });

  it('prefers the iBeacon frame when one advertisement carries both', () => {
    const fields = {
      manufacturerData: { 76: hex('0215 e2c56db5dffb48d2b060d0f5a71096e0 0001 0002 c5') },
      serviceData: { feaa: hex('30 f0 0123456789abcdef') },
    };
    expect(beaconIdOfAdvertisement(fields)).toMatch(/^ibeacon:/);
  });
});

describe('AD structure parsing', () => {
  it('reads 32- and 128-bit service data UUIDs (little-endian on air)', () => {
    const uuid128le = hex('fb349b5f80000080 0010000078563412'); // 12345678-0000-1000-8000-00805f9b34fb reversed
    const raw = Uint8Array.from([
      0x07,
      0x20,
      0x44,
      0x33,
      0x22,
      0x11,
      0xaa,
      0xbb,
      19,
      0x21,
      ...uuid128le,
      0x01,
      0x02,
    ]);
    const f = parseAdStructures(raw);
    expect([...f.serviceData.keys()]).toEqual([
      '11223344-0000-1000-8000-00805f9b34fb',
      '12345678-0000-1000-8000-00805f9b34fb',
    ]);
    expect([...(f.serviceData.get('11223344-0000-1000-8000-00805f9b34fb') ?? [])]).toEqual([0xaa, 0xbb]);
  });

  it('stops at zero padding and ignores a structure running past the end', () => {
    const ib = '1aff4c00 0215 e2c56db5dffb48d2b060d0f5a71096e0 0001 0002 c5';
    expect(beaconIdOfAdvertisement(hex(`020106 ${ib} 000000`))).toBeDefined();
    expect(beaconIdOfAdvertisement(hex(`020106 ${ib}`).subarray(0, 20))).toBeUndefined();
    expect(parseAdStructures(hex('ff16aafe00')).serviceData.size).toBe(0);
  });

  it('normalises service UUIDs', () => {
    expect(normaliseServiceUuid('FEAA')).toBe('0000feaa-0000-1000-8000-00805f9b34fb');
    expect(normaliseServiceUuid('E2C56DB5DFFB48D2B060D0F5A71096E0')).toBe(
      'e2c56db5-dffb-48d2-b060-d0f5a71096e0',
    );
    expect(normaliseServiceUuid('feaa-')).toBeUndefined();
    expect(normaliseServiceUuid('')).toBeUndefined();
  });
});

const hexChars = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const txPower = fc.integer({ min: -128, max: 127 });
const frameArb: fc.Arbitrary<BeaconFrame> = fc.oneof(
  fc.record({
    kind: fc.constant('ibeacon' as const),
    uuid: hexChars(16).map(
      (h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
    ),
    major: fc.integer({ min: 0, max: 0xffff }),
    minor: fc.integer({ min: 0, max: 0xffff }),
    txPower,
  }),
  fc.record({
    kind: fc.constant('eddystone-uid' as const),
    namespace: hexChars(10),
    instance: hexChars(6),
    txPower,
  }),
  fc.record({ kind: fc.constant('eddystone-eid' as const), eid: hexChars(8), txPower }),
);

describe('properties', () => {
  it('garbage bytes never throw, in either input form', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.string(),
        (bytes, company, key) => {
          beaconIdOfAdvertisement(bytes);
          beaconIdOfAdvertisement({
            manufacturerData: { [company]: bytes },
            serviceData: { [key]: bytes, feaa: bytes },
          });
          beaconIdOfAdvertisement({ manufacturerData: { 76: bytes } });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a garbage byte after a valid prefix never yields a beacon of the wrong kind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const id = beaconIdOfAdvertisement({ serviceData: { feaa: bytes } });
        if (id === undefined) return;
        expect(bytes[0] === 0x00 ? id.startsWith('eddystone-uid:') : id.startsWith('eid:')).toBe(true);
      }),
    );
  });

  it('encode → parse round-trips, raw and decoded, and from the canonical id back to the frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const raw = encodeAdvertisement(frame);
        expect(raw.length).toBeLessThanOrEqual(31);
        expect(beaconFrameOf(raw)).toEqual(frame);
        expect(beaconFrameOf(encodeAdvertisementFields(frame))).toEqual(frame);
        const id = beaconIdOfAdvertisement(raw);
        expect(id).toBeDefined();
        expect(beaconFrameForId(id ?? '', frame.txPower)).toEqual(frame);
      }),
      { numRuns: 500 },
    );
  });

  it('the encoders refuse values they cannot put on the air', () => {
    expect(() => encodeBeaconPayload({ kind: 'eddystone-eid', eid: 'abc', txPower: 0 })).toThrow(
      /eid must be 16 hex/,
    );
    expect(() =>
      encodeBeaconPayload({
        kind: 'ibeacon',
        uuid: '00000000-0000-0000-0000-000000000000',
        major: 70000,
        minor: 0,
        txPower: 0,
      }),
    ).toThrow(/major/);
    expect(() =>
      encodeBeaconPayload({ kind: 'eddystone-eid', eid: '0011223344556677', txPower: 200 }),
    ).toThrow(/txPower/);
    expect(beaconFrameForId('staff-0001')).toBeUndefined();
  });
});
