import { createHmac } from 'node:crypto';
import { hmacRotatingId } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBeaconClassifier } from './beacon-classifier.js';
import { encodeAdvertisement } from './beacon-encoders.js';
import { beaconIdOfAdvertisement } from './beacon-frames.js';
import { eidBeaconId, formatBeaconId, normaliseBeaconId, parseBeaconId, rotatingIdOf } from './beacon-ids.js';

const STAFF_UUID = 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0';

describe('canonical ids', () => {
  it('normalises letter case and leading zeros, and leaves opaque ids alone', () => {
    expect(normaliseBeaconId(`iBeacon:${STAFF_UUID}:007:1`)).toBe(`ibeacon:${STAFF_UUID.toLowerCase()}:7:1`);
    expect(normaliseBeaconId('Eddystone-UID:8B5B6B3A4A2C1D0E0F10:AABBCCDDEEFF')).toBe(
      'eddystone-uid:8b5b6b3a4a2c1d0e0f10:aabbccddeeff',
    );
    expect(normaliseBeaconId('EID:0123456789ABCDEF')).toBe('eid:0123456789abcdef');
    expect(normaliseBeaconId(' staff-0001 ')).toBe('staff-0001');
    expect(normaliseBeaconId('Staff-0001')).toBe('Staff-0001');
  });

  it('rejects out-of-range and malformed canonical ids as canonical (they stay opaque)', () => {
    expect(parseBeaconId(`ibeacon:${STAFF_UUID}:65536:1`)).toBeUndefined();
    expect(parseBeaconId('eid:0123')).toBeUndefined();
    expect(parseBeaconId('eddystone-uid:00:00')).toBeUndefined();
  });

  it('rotatingIdOf gives the 16 hex of eid: ids only', () => {
    expect(rotatingIdOf('eid:0123456789abcdef')).toBe('0123456789abcdef');
    expect(rotatingIdOf('EID:0123456789ABCDEF')).toBe('0123456789abcdef');
    expect(rotatingIdOf(`ibeacon:${STAFF_UUID}:1:1`)).toBeUndefined();
    expect(rotatingIdOf('staff-0001')).toBeUndefined();
    expect(() => eidBeaconId('xyz')).toThrow(/16 hex/);
  });

  it('format ∘ parse is the identity on canonical ids', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const parsed = parseBeaconId(s);
        if (parsed) expect(parseBeaconId(formatBeaconId(parsed))).toEqual(parsed);
        expect(normaliseBeaconId(normaliseBeaconId(s))).toBe(normaliseBeaconId(s));
      }),
    );
  });
});

describe('beacon classifier', () => {
  const classifier = createBeaconClassifier({
    staffTags: [
      { beaconId: `ibeacon:${STAFF_UUID}:1:1` },
      { beaconId: 'staff-0001' },
      { beaconId: 'eid:00000000000000aa' },
    ],
    calibrationBeaconIds: ['eddystone-uid:8b5b6b3a4a2c1d0e0f10:000000000001'],
    acceptLoyalty: true,
  });

  it('knows staff tags in any spelling, opaque staff ids exactly, and calibration beacons', () => {
    expect(classifier.classify(`ibeacon:${STAFF_UUID.toLowerCase()}:1:1`)).toBe('staff');
    expect(classifier.classify(`IBEACON:${STAFF_UUID}:01:0001`)).toBe('staff');
    expect(classifier.classify('staff-0001')).toBe('staff');
    expect(classifier.classify('eddystone-uid:8B5B6B3A4A2C1D0E0F10:000000000001')).toBe('calibration');
    expect(classifier.staffCount).toBe(3);
    expect(classifier.calibrationCount).toBe(1);
  });

  it('takes any eid: id as a loyalty candidate when loyalty is on; a registered id wins', () => {
    expect(classifier.classify('eid:0123456789abcdef')).toBe('loyalty');
    expect(classifier.classify('eid:00000000000000aa')).toBe('staff');
    const noLoyalty = createBeaconClassifier({ staffTags: [], acceptLoyalty: false });
    expect(noLoyalty.classify('eid:0123456789abcdef')).toBeUndefined();
  });

  it('everything else is a stranger', () => {
    for (const id of [
      `ibeacon:${STAFF_UUID}:1:2`,
      'staff-0002',
      'STAFF-0001',
      'eid:0123',
      'aa:bb:cc:dd:ee:ff',
      '',
      'eddystone-uid:8b5b6b3a4a2c1d0e0f10:000000000002',
    ]) {
      expect(classifier.classify(id), id).toBeUndefined();
    }
  });

  it('refuses an id that is both staff and calibration', () => {
    expect(() =>
      createBeaconClassifier({
        staffTags: [{ beaconId: 'x-1' }],
        calibrationBeaconIds: ['x-1'],
        acceptLoyalty: false,
      }),
    ).toThrow(/"x-1" is listed both/);
  });

  it("the loyalty app's rotating id, advertised as an EID frame, parses to a loyalty candidate", () => {
    const rotatingIdFor = hmacRotatingId((k, d) => createHmac('sha256', k).update(d).digest());
    const rid = rotatingIdFor('00112233445566778899aabbccddeeff', 1_900_000);
    const id = beaconIdOfAdvertisement(
      encodeAdvertisement({ kind: 'eddystone-eid', eid: rid, txPower: -59 }),
    );
    expect(id).toBe(eidBeaconId(rid));
    expect(rotatingIdOf(id ?? '')).toBe(rid);
    expect(classifier.classify(id ?? '')).toBe('loyalty');
  });
});
