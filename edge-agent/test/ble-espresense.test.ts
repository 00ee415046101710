// ESPresense reports through a real broker (aedes in-process, or Mosquitto at MQTT_URL) into the
// EspresenseSource: known beacons come out as receptions, strangers and malformed reports are only counted,
// and nothing about a stranger reaches a reception or a log line. A per-run topic prefix keeps concurrent
// runs on a shared broker apart.
import { randomUUID } from 'node:crypto';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBeaconClassifier } from '../src/ble/advertising/index.js';
import type { Reception } from '../src/ble/ble-types.js';
import { EspresenseSource } from '../src/ble/sources/index.js';
import { startTestBroker, type TestBroker } from './test-broker.js';

const UUID = 'e2c56db5-dffb-48d2-b060-d0f5a71096e0';
const STAFF = `ibeacon:${UUID}:100:7`;
const CAL = 'eddystone-uid:8b5b6b3a4a2c1d0e0f10:aabbccddeeff';
const STRANGER_MAC = 'c0ffeec0ffee';
const STRANGER_APPLE = 'apple:1005:9-26';
const STRANGER_IBEACON_MINOR = 4242;
const ARRIVAL = 1_700_000_000_000;

describe('ESPresense over MQTT', () => {
  let broker: TestBroker;
  let publisher: mqtt.MqttClient;
  const prefix = `test/ble-espresense-${randomUUID()}/espresense`;

  beforeAll(async () => {
    broker = await startTestBroker();
    publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await broker?.stop();
  });

  it('delivers known beacons and counts strangers and malformed reports', async () => {
    const logLines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
    const { classify } = createBeaconClassifier({
      staffTags: [{ beaconId: STAFF }, { beaconId: 'staff-0001' }],
      calibrationBeaconIds: [CAL],
      acceptLoyalty: true,
    });
    const source = new EspresenseSource({
      url: broker.url,
      prefix,
      rooms: { kitchen: 'a1', hall: 'a2' },
      classify,
      now: () => ARRIVAL,
      logger,
    });
    const got: Reception[] = [];
    await source.start((r) => got.push(r));

    const report = (deviceId: string, room: string, payload: unknown) =>
      publisher.publishAsync(
        `${prefix}/devices/${deviceId}/${room}`,
        typeof payload === 'string' || payload instanceof Buffer ? payload : JSON.stringify(payload),
        { qos: 1 },
      );
    const espresense = (id: string, rssi: number, extra: object = {}) => ({
      id,
      rssi,
      'rssi@1m': -59,
      distance: 2.1,
      mac: STRANGER_MAC,
      ...extra,
    });

    // Known beacons, in ESPresense's own id formats and as an alias.
    await report(`iBeacon:${UUID}-100-7`, 'kitchen', espresense(`iBeacon:${UUID}-100-7`, -71));
    await report('eddy:8b5b6b3a4a4a2c1d0e0f10-aabbccddeeff', 'cellar', {
      ...espresense('eddy:8b5b6b3a4a4a2c1d0e0f10-aabbccddeeff', -64),
      timestamp: ARRIVAL + 5000,
    });
    await report('staff-0001', 'hall', espresense('staff-0001', -80.5));
    await report('eid:0123456789abcdef', 'hall', espresense('eid:0123456789abcdef', -90));
    // Strangers: a phone by MAC, an iPhone's Continuity fingerprint, an unregistered iBeacon.
    await report(STRANGER_MAC, 'kitchen', espresense(STRANGER_MAC, -50));
    await report(STRANGER_APPLE, 'kitchen', espresense(STRANGER_APPLE, -55));
    await report(`iBeacon:${UUID}-100-${STRANGER_IBEACON_MINOR}`, 'hall', 'not even json');
    // Malformed reports of a known beacon.
    const staffTopicId = `iBeacon:${UUID}-100-7`;
    await report(staffTopicId, 'kitchen', '{"rssi": -70');
    await report(staffTopicId, 'kitchen', { id: staffTopicId, distance: 3 });
    await report(staffTopicId, 'kitchen', { rssi: -300 });
    await report(staffTopicId, 'kitchen', Buffer.alloc(5000, 0x20));
    // Last, so that once it arrives everything before it has (one publisher, one subscription: in order).
    await report(staffTopicId, 'hall', espresense(staffTopicId, -66));

    await waitFor(
      () => source.counters.delivered + source.counters.strangers + source.counters.malformed,
      (n) => n >= 12,
    );
    await source.stop();

    expect(got).toEqual([
      { ts: ARRIVAL, anchor: 'a1', beacon: STAFF, rssi: -71 },
      { ts: ARRIVAL + 5000, anchor: 'cellar', beacon: CAL, rssi: -64 },
      { ts: ARRIVAL, anchor: 'a2', beacon: 'staff-0001', rssi: -80.5 },
      { ts: ARRIVAL, anchor: 'a2', beacon: 'eid:0123456789abcdef', rssi: -90 },
      { ts: ARRIVAL, anchor: 'a2', beacon: STAFF, rssi: -66 },
    ]);
    expect(source.counters).toEqual({ delivered: 5, strangers: 3, malformed: 4 });
    expect(source.malformedByReason).toMatchObject({
      'not-json': 1,
      'rssi-missing': 1,
      'rssi-out-of-range': 1,
      oversized: 1,
    });

    // Nothing stranger-related anywhere: not in receptions, not in the log (which does name the problems).
    const everything = JSON.stringify(got) + logLines.join('');
    expect(logLines.join('')).toContain('rssi-out-of-range');
    for (const secret of [STRANGER_MAC, STRANGER_APPLE, `${STRANGER_IBEACON_MINOR}`, 'c0ffee']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('says clearly when the broker cannot be reached, and gives up', async () => {
    const { classify } = createBeaconClassifier({ acceptLoyalty: false });
    const source = new EspresenseSource({
      url: 'mqtt://user:secret@127.0.0.1:1',
      classify,
      connectTimeoutMs: 1500,
    });
    const err = await source
      .start(() => {})
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err?.message).toMatch(
      /^ESPresense: cannot subscribe at mqtt:\/\/127\.0\.0\.1:1: no connection within 1500 ms/,
    );
    expect(err?.message).not.toContain('secret');
    await source.stop();
  });
});
