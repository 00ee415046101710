// BluezSource against a real D-Bus daemon: a PRIVATE TEST BUS started here (`dbus-daemon --session`, never
// the machine's system bus), on which a TEST DOUBLE OF BLUEZ — not BlueZ, a few dozen lines below that own
// the name org.bluez and answer the calls the source makes — emits the signals a real bluetoothd would.
// The failure paths (no bus, no BlueZ, no adapter, a BlueZ that never answers, discovery refused) run for real.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { waitFor } from '@retail/contracts/testing';
import dbus, { type Message, type MessageBus } from 'dbus-next';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBeaconClassifier, encodeAdvertisementFields } from '../advertising/index.js';
import type { Reception } from '../ble-types.js';
import { BluezSource } from './bluez-source.js';

const hasDbusDaemon = spawnSync('dbus-daemon', ['--version']).status === 0;

/** Starts a throw-away dbus-daemon for this test file only; resolves with its address. */
async function startPrivateTestBus(): Promise<{ address: string; daemon: ChildProcess }> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its stderr is noise when it works (e.g. it may not raise its fd limit in a container) and the reason when not.
  let errors = '';
  daemon.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  let out = '';
  for await (const chunk of daemon.stdout ?? []) {
    out += String(chunk);
    if (out.includes('\n')) break;
  }
  const address = out.trim();
  if (!address.startsWith('unix:')) throw new Error(`the test bus printed no address: "${out}" ${errors}`);
  return { address, daemon };
}

const STAFF = 'eddystone-uid:8b5b6b3a4a2c1d0e0f10:000000000001';
const RID_1 = '0123456789abcdef';
const RID_2 = 'fedcba9876543210';
/** Device object paths hold the MAC address; none of this may show up in receptions or logs. */
const MAC_STAFF = 'C0:FF:EE:00:00:01';
const MAC_APP = 'C0:FF:EE:00:00:02';
const MAC_STRANGER = 'C0:FF:EE:00:00:03';
const devPath = (mac: string, adapter = 'hci0') => `/org/bluez/${adapter}/dev_${mac.replaceAll(':', '_')}`;

const v = (signature: string, value: unknown) => new dbus.Variant(signature, value);
/** Device1 properties the way bluetoothd reports them. */
function device1(
  mac: string,
  frame: Parameters<typeof encodeAdvertisementFields>[0] | 'exposure',
  rssi?: number,
) {
  const props: Record<string, unknown> = {
    Address: v('s', mac),
    AddressType: v('s', 'random'),
    Adapter: v('o', '/org/bluez/hci0'),
    Paired: v('b', false),
  };
  if (rssi !== undefined) props.RSSI = v('n', rssi);
  if (frame === 'exposure') {
    // A phone's exposure-notification beacon: service data, but no beacon frame of ours.
    props.ServiceData = v('a{sv}', { '0000fd6f-0000-1000-8000-00805f9b34fb': v('ay', Buffer.alloc(20, 7)) });
  } else {
    const fields = encodeAdvertisementFields(frame);
    const md = Object.fromEntries([...fields.manufacturerData].map(([k, b]) => [k, v('ay', Buffer.from(b))]));
    const sd = Object.fromEntries([...fields.serviceData].map(([k, b]) => [k, v('ay', Buffer.from(b))]));
    if (fields.manufacturerData.size > 0) props.ManufacturerData = v('a{qv}', md);
    if (fields.serviceData.size > 0) props.ServiceData = v('a{sv}', sd);
  }
  return props;
}
const eidFrame = (eid: string) => ({ kind: 'eddystone-eid' as const, eid, txPower: -59 });
const staffFrame = {
  kind: 'eddystone-uid' as const,
  namespace: '8b5b6b3a4a2c1d0e0f10',
  instance: '000000000001',
  txPower: -20,
};

interface FakeBluezOptions {
  adapters: string[];
  devices?: Record<string, Record<string, unknown>>;
  /** Swallow every call without a reply (a wedged bluetoothd). */
  silent?: boolean;
  /** Answer StartDiscovery with this D-Bus error. */
  startDiscoveryError?: [name: string, text: string];
}

/** TEST DOUBLE OF BLUEZ on the private test bus: owns `org.bluez`, answers ObjectManager and Adapter1 calls. */
async function startFakeBluez(address: string, options: FakeBluezOptions) {
  const bus = dbus.sessionBus({ busAddress: address });
  await once(bus, 'connect');
  const adapterCalls: { member: string; body: unknown[] }[] = [];
  bus.addMethodHandler((msg: Message) => {
    if (options.silent) return true;
    if (msg.path === '/' && msg.member === 'GetManagedObjects') {
      const objects: Record<string, unknown> = { '/org/bluez': { 'org.bluez.AgentManager1': {} } };
      for (const a of options.adapters) {
        objects[`/org/bluez/${a}`] = {
          'org.bluez.Adapter1': { Address: v('s', '00:1A:7D:DA:71:13'), Powered: v('b', true) },
        };
      }
      for (const [path, props] of Object.entries(options.devices ?? {}))
        objects[path] = { 'org.bluez.Device1': props };
      bus.send(dbus.Message.newMethodReturn(msg, 'a{oa{sa{sv}}}', [objects]));
      return true;
    }
    if (
      msg.interface === 'org.bluez.Adapter1' &&
      options.adapters.some((a) => msg.path === `/org/bluez/${a}`)
    ) {
      adapterCalls.push({ member: msg.member, body: msg.body });
      if (msg.member === 'StartDiscovery' && options.startDiscoveryError) {
        const [name, text] = options.startDiscoveryError;
        bus.send(dbus.Message.newError(msg as never, name, text));
      } else bus.send(dbus.Message.newMethodReturn(msg, '', []));
      return true;
    }
    return false;
  });
  const reply = await bus.requestName('org.bluez', dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) throw new Error('test double could not own org.bluez');
  const signal = (path: string, iface: string, member: string, signature: string, body: unknown[]) =>
    bus.send(dbus.Message.newSignal(path, iface, member, signature, body));
  return {
    adapterCalls,
    interfacesAdded: (path: string, props: Record<string, unknown>) =>
      signal('/', 'org.freedesktop.DBus.ObjectManager', 'InterfacesAdded', 'oa{sa{sv}}', [
        path,
        { 'org.bluez.Device1': props },
      ]),
    interfacesRemoved: (path: string) =>
      signal('/', 'org.freedesktop.DBus.ObjectManager', 'InterfacesRemoved', 'oas', [
        path,
        ['org.bluez.Device1'],
      ]),
    propertiesChanged: (path: string, changed: Record<string, unknown>) =>
      signal(path, 'org.freedesktop.DBus.Properties', 'PropertiesChanged', 'sa{sv}as', [
        'org.bluez.Device1',
        changed,
        [],
      ]),
    async stop() {
      await bus.releaseName('org.bluez').catch(() => {});
      bus.disconnect();
    },
  };
}

const { classify } = createBeaconClassifier({ staffTags: [{ beaconId: STAFF }], acceptLoyalty: true });

describe('BluezSource without a bus', () => {
  it('fails clearly when the bus address leads nowhere', async () => {
    const source = new BluezSource({
      classify,
      anchorId: 'gw-radio',
      busAddress: 'unix:path=/nonexistent/retail-test-bus',
    });
    await expect(source.start(() => {})).rejects.toThrow(
      /^BlueZ: no D-Bus bus at unix:path=\/nonexistent\/retail-test-bus \(connect ENOENT.*is this a Linux host with D-Bus running\?$/,
    );
    await source.stop();
  });

  it('refuses a bad adapter name or a missing anchor id', () => {
    expect(() => new BluezSource({ classify, anchorId: 'x', adapter: 'hci0/../x' })).toThrow(
      /bad adapter name/,
    );
    expect(() => new BluezSource({ classify, anchorId: '' })).toThrow(/anchorId/);
  });
});

describe.skipIf(!hasDbusDaemon)('BluezSource on a private test bus', () => {
  let testBus: { address: string; daemon: ChildProcess };
  const buses: MessageBus[] = [];
  beforeAll(async () => {
    testBus = await startPrivateTestBus();
  });
  afterAll(() => {
    for (const b of buses) b.disconnect();
    testBus?.daemon.kill();
  });

  const failure = async (options: Partial<ConstructorParameters<typeof BluezSource>[0]> = {}) => {
    const source = new BluezSource({
      classify,
      anchorId: 'gw-radio',
      busAddress: testBus.address,
      ...options,
    });
    const err = await source
      .start(() => {})
      .then(
        () => undefined,
        (e: Error) => e,
      );
    await source.stop();
    return err?.message;
  };

  it('reports a bus without BlueZ', async () => {
    expect(await failure()).toBe(
      `BlueZ: the org.bluez service is not on the bus at ${testBus.address} (is bluetoothd running?)`,
    );
  });

  it('reports a missing adapter and lists the ones there are', async () => {
    let bluez = await startFakeBluez(testBus.address, { adapters: [] });
    expect(await failure()).toBe("BlueZ: no Bluetooth adapter 'hci0' (found: none)");
    await bluez.stop();
    bluez = await startFakeBluez(testBus.address, { adapters: ['hci1', 'hci2'] });
    expect(await failure()).toBe("BlueZ: no Bluetooth adapter 'hci0' (found: hci1, hci2)");
    await bluez.stop();
  });

  it('does not hang on a BlueZ that never answers, and reports refused discovery', async () => {
    let bluez = await startFakeBluez(testBus.address, { adapters: ['hci0'], silent: true });
    expect(await failure({ callTimeoutMs: 300 })).toBe(
      'BlueZ: org.bluez: GetManagedObjects: no reply within 300 ms',
    );
    await bluez.stop();
    bluez = await startFakeBluez(testBus.address, {
      adapters: ['hci0'],
      startDiscoveryError: ['org.bluez.Error.NotReady', 'Resource Not Ready'],
    });
    expect(await failure()).toBe(
      "BlueZ: adapter 'hci0': StartDiscovery: org.bluez.Error.NotReady: Resource Not Ready",
    );
    await bluez.stop();
  });

  it('adapter → device → reception, end to end; strangers counted; no address anywhere', async () => {
    const bluez = await startFakeBluez(testBus.address, {
      adapters: ['hci0', 'hci1'],
      // Known before the source starts; its cached RSSI is not a reception.
      devices: { [devPath(MAC_STAFF)]: device1(MAC_STAFF, staffFrame, -40) },
    });
    const logLines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
    let clock = 1_700_000_000_000;
    const got: Reception[] = [];
    const source = new BluezSource({
      classify,
      anchorId: 'gw-radio',
      busAddress: testBus.address,
      now: () => clock++,
      logger,
    });
    await source.start((r) => got.push(r));
    expect(bluez.adapterCalls.map((c) => c.member)).toEqual(['SetDiscoveryFilter', 'StartDiscovery']);
    const filter = bluez.adapterCalls[0]?.body[0] as Record<string, { value: unknown }>;
    expect(filter.Transport?.value).toBe('le');
    expect(filter.DuplicateData?.value).toBe(true);

    bluez.propertiesChanged(devPath(MAC_STAFF), { RSSI: v('n', -61) });
    bluez.interfacesAdded(devPath(MAC_APP), device1(MAC_APP, eidFrame(RID_1), -70));
    bluez.interfacesAdded(devPath(MAC_STRANGER), device1(MAC_STRANGER, 'exposure', -50));
    bluez.propertiesChanged(devPath(MAC_STRANGER), { RSSI: v('n', -51) });
    // The app rotates its identifier: new service data on the same device.
    const rotated = device1(MAC_APP, eidFrame(RID_2));
    bluez.propertiesChanged(devPath(MAC_APP), { ServiceData: rotated.ServiceData, RSSI: v('n', -72) });
    // Another adapter's device: not ours.
    bluez.propertiesChanged(devPath(MAC_STAFF, 'hci1'), { RSSI: v('n', -30) });
    // A removed device is forgotten: its next RSSI-only update is a stranger's.
    bluez.interfacesRemoved(devPath(MAC_STAFF));
    bluez.propertiesChanged(devPath(MAC_STAFF), { RSSI: v('n', -62) });
    bluez.interfacesAdded(devPath(MAC_STAFF), device1(MAC_STAFF, staffFrame, -63));

    await waitFor(
      () => source.counters.delivered + source.counters.strangers,
      (n) => n >= 7,
    );
    await source.stop();
    expect(bluez.adapterCalls.map((c) => c.member)).toEqual([
      'SetDiscoveryFilter',
      'StartDiscovery',
      'StopDiscovery',
    ]);
    await bluez.stop();

    expect(got).toEqual([
      { ts: 1_700_000_000_000, anchor: 'gw-radio', beacon: STAFF, rssi: -61 },
      { ts: 1_700_000_000_001, anchor: 'gw-radio', beacon: `eid:${RID_1}`, rssi: -70 },
      { ts: 1_700_000_000_002, anchor: 'gw-radio', beacon: `eid:${RID_2}`, rssi: -72 },
      { ts: 1_700_000_000_003, anchor: 'gw-radio', beacon: STAFF, rssi: -63 },
    ]);
    expect(source.counters).toEqual({ delivered: 4, strangers: 3, malformed: 0 });
    const everything = JSON.stringify(got) + logLines.join('');
    expect(logLines.join('')).toContain('BLE discovery started');
    for (const secret of ['C0:FF:EE', 'C0_FF_EE', 'c0:ff:ee', 'dev_'])
      expect(everything).not.toContain(secret);
  });
});
