import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBeaconClassifier } from '../advertising/index.js';
import {
  beaconIdOfEspresenseId,
  ESPRESENSE_MAX_PAYLOAD_BYTES,
  type EspresenseContext,
  parseEspresenseTopic,
  readEspresenseMessage,
} from './espresense-message.js';

const UUID = 'e2c56db5-dffb-48d2-b060-d0f5a71096e0';
const STAFF = `ibeacon:${UUID}:100:7`;
const CAL = 'eddystone-uid:8b5b6b3a4a2c1d0e0f10:aabbccddeeff';
const { classify } = createBeaconClassifier({
  staffTags: [{ beaconId: STAFF }, { beaconId: 'staff-0001' }],
  calibrationBeaconIds: [CAL],
  acceptLoyalty: true,
});
const ctx: EspresenseContext = {
  prefix: 'espresense',
  classify,
  anchorOfRoom: (room) => (room === 'kitchen' ? 'a1' : room),
  arrivalTs: 1_700_000_000_000,
};
const bytes = (o: unknown) => new TextEncoder().encode(typeof o === 'string' ? o : JSON.stringify(o));

describe('ESPresense device ids', () => {
  it('maps the known beacon formats to canonical ids', () => {
    expect(beaconIdOfEspresenseId(`iBeacon:${UUID.toUpperCase()}-100-7`)).toBe(STAFF);
    // ESPresense's own spelling repeats namespace byte 4 (here 0x4a): 22 hex digits.
    expect(beaconIdOfEspresenseId('eddy:8b5b6b3a4a4a2c1d0e0f10-aabbccddeeff')).toBe(CAL);
    expect(beaconIdOfEspresenseId('eddy:8b5b6b3a4a2c1d0e0f10-aabbccddeeff')).toBe(CAL);
    expect(beaconIdOfEspresenseId('EID:0123456789ABCDEF')).toBe('eid:0123456789abcdef');
    expect(beaconIdOfEspresenseId('staff-0001')).toBe('staff-0001');
  });

  it('device-derived ids are not beacons', () => {
    for (const id of [
      'c0ffeec0ffee',
      'apple:1005:9-26',
      'md:0006:29',
      'sd:0000fd6f-0000-1000-8000-00805f9b34fb',
      'name:jims-phone',
      'known:aabbccddeeff',
      'irk:00112233445566778899aabbccddeeff',
      'tile:aabbccddeeff',
      `iBeacon:${UUID}-70000-1`,
      'eddy:8b5b6b3a4a4b2c1d0e0f10-aabbccddeeff', // 22 digits without the repeated byte
    ]) {
      expect(beaconIdOfEspresenseId(id), id).toBeUndefined();
    }
  });

  it('parses topics under the prefix only', () => {
    expect(parseEspresenseTopic('espresense/devices/x/kitchen', 'espresense')).toEqual({
      deviceId: 'x',
      room: 'kitchen',
    });
    expect(parseEspresenseTopic('t/1/espresense/devices/x/hall', 't/1/espresense')).toEqual({
      deviceId: 'x',
      room: 'hall',
    });
    expect(parseEspresenseTopic('espresense/devices/x', 'espresense')).toBeUndefined();
    expect(parseEspresenseTopic('espresense/devices/x/y/z', 'espresense')).toBeUndefined();
    expect(parseEspresenseTopic('espresense/rooms/kitchen/status', 'espresense')).toBeUndefined();
  });
});

describe('readEspresenseMessage', () => {
  const topic = `espresense/devices/iBeacon:${UUID}-100-7/kitchen`;

  it('reads a real-shaped report; room → anchor; arrival time when there is no timestamp', () => {
    const payload = {
      id: `iBeacon:${UUID}-100-7`,
      idType: 25,
      'rssi@1m': -59,
      rssi: -71,
      raw: 2.44,
      distance: 2.31,
      speed: 0.01,
      mac: 'c0ffeec0ffee',
      interval: 1017,
    };
    expect(readEspresenseMessage(topic, bytes(payload), ctx)).toEqual({
      kind: 'reception',
      reception: { ts: ctx.arrivalTs, anchor: 'a1', beacon: STAFF, rssi: -71 },
    });
    const other = readEspresenseMessage('espresense/devices/staff-0001/hall', bytes({ rssi: -80 }), ctx);
    expect(other).toMatchObject({ kind: 'reception', reception: { anchor: 'hall', beacon: 'staff-0001' } });
  });

  it("uses the payload's own timestamp: ms, s or ISO", () => {
    const at = (timestamp: unknown) => readEspresenseMessage(topic, bytes({ rssi: -70, timestamp }), ctx);
    expect(at(1_700_000_123_456)).toMatchObject({ reception: { ts: 1_700_000_123_456 } });
    expect(at(1_700_000_123.5)).toMatchObject({ reception: { ts: 1_700_000_123_500 } });
    expect(at('2023-11-14T22:13:20.000Z')).toMatchObject({ reception: { ts: 1_700_000_000_000 } });
    expect(readEspresenseMessage(topic, bytes({ rssi: -70, ts: 1_700_000_000_001 }), ctx)).toMatchObject({
      reception: { ts: 1_700_000_000_001 },
    });
    for (const bad of [42, 'yesterday', true, {}]) expect(at(bad)).toMatchObject({ reason: 'bad-timestamp' });
  });

  it('names what is wrong with a malformed report', () => {
    const reason = (t: string, p: Uint8Array) => {
      const out = readEspresenseMessage(t, p, ctx);
      return out.kind === 'malformed' ? out.reason : out.kind;
    };
    expect(reason(topic, bytes('{"rssi":'))).toBe('not-json');
    expect(reason(topic, Uint8Array.from([0xff, 0xfe, 0x7b, 0x7d]))).toBe('not-json');
    expect(reason(topic, bytes('[1,2]'))).toBe('not-an-object');
    expect(reason(topic, bytes('null'))).toBe('not-an-object');
    expect(reason(topic, bytes({ distance: 1 }))).toBe('rssi-missing');
    expect(reason(topic, bytes({ rssi: '-70' }))).toBe('rssi-missing');
    expect(reason(topic, bytes({ rssi: -131 }))).toBe('rssi-out-of-range');
    expect(reason(topic, bytes({ rssi: 21 }))).toBe('rssi-out-of-range');
    expect(reason(topic, bytes({ rssi: -70, id: 'staff-0001' }))).toBe('id-mismatch');
    expect(reason(topic, new Uint8Array(ESPRESENSE_MAX_PAYLOAD_BYTES + 1))).toBe('oversized');
    expect(reason('espresense/devices/only-one-level', bytes({ rssi: -70 }))).toBe('bad-topic');
  });

  it('strangers are dropped before their payload is read', () => {
    const out = readEspresenseMessage(
      'espresense/devices/apple:1005:9-26/kitchen',
      bytes('not json at all'),
      ctx,
    );
    expect(out).toEqual({ kind: 'stranger' });
    const unknownBeacon = readEspresenseMessage(
      `espresense/devices/iBeacon:${UUID}-1-1/kitchen`,
      bytes({ rssi: -50 }),
      ctx,
    );
    expect(unknownBeacon).toEqual({ kind: 'stranger' });
  });

  it('never throws, and a malformed outcome never names the device', () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 300 }), fc.string(), (device, payload, room) => {
        const out = readEspresenseMessage(`espresense/devices/${device}/${room}`, payload, ctx);
        if (out.kind === 'malformed' && device.length > 3) expect(out.detail).not.toContain(device);
      }),
      { numRuns: 1000 },
    );
  });
});
