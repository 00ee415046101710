// The gateway's own Bluetooth radio as a reception source: BlueZ over D-Bus (system bus). Finds the adapter
// through org.bluez's ObjectManager, sets an LE discovery filter with DuplicateData (one report per
// advertisement, not per device), starts discovery, and reads RSSI, ManufacturerData and ServiceData from
// InterfacesAdded / PropertiesChanged of org.bluez.Device1. A device's address or object path (which holds
// the address) is never logged, stored beyond this process's memory, or passed on; only recognised beacons
// are remembered, under their object path, so that RSSI-only updates can be attributed.
import dbus, { type Message, type MessageBus } from 'dbus-next';
import type { Logger } from '../../logger.js';
import { beaconIdOfAdvertisement, type ClassifyBeacon } from '../advertising/index.js';
import {
  newReceptionCounters,
  type Reception,
  type ReceptionCounters,
  type ReceptionSource,
} from '../ble-types.js';
import { readDevice1Properties } from './bluez-properties.js';
import {
  addMatch,
  type CallSpec,
  callWithTimeout,
  connectBus,
  DBusCallError,
  disconnectQuietly,
  nameOwner,
  systemBusAddress,
} from './dbus-calls.js';
import { createReceptionGate, type ReceptionGate } from './reception-gate.js';

export interface BluezSourceOptions {
  classify: ClassifyBeacon;
  /** The anchor (scanner) id this gateway's radio has in the layout. */
  anchorId: string;
  /** `hci0` by default. */
  adapter?: string;
  /** A D-Bus address; the system bus by default. */
  busAddress?: string;
  now?: () => number;
  logger?: Logger;
  /** Deadline of each D-Bus call and of the connection handshake; 5 s by default. */
  callTimeoutMs?: number;
  /** Recognised devices remembered at most (oldest forgotten first); 4096 by default. */
  maxDevices?: number;
}

const BLUEZ = 'org.bluez';
const DEVICE1 = 'org.bluez.Device1';
const ADAPTER1 = 'org.bluez.Adapter1';
const OBJECT_MANAGER = 'org.freedesktop.DBus.ObjectManager';
const PROPERTIES = 'org.freedesktop.DBus.Properties';

interface KnownDevice {
  beacon: string;
  manufacturerData?: Map<number, Uint8Array>;
  serviceData?: Map<string, Uint8Array>;
}

export class BluezSource implements ReceptionSource {
  readonly name: string;
  readonly counters: ReceptionCounters = newReceptionCounters();
  readonly #o: BluezSourceOptions;
  readonly #adapter: string;
  readonly #adapterPath: string;
  readonly #timeout: number;
  readonly #logger: Logger | undefined;
  /** Object path → recognised beacon; strangers are never entered. */
  readonly #devices = new Map<string, KnownDevice>();
  #bus: MessageBus | undefined;
  #discovering = false;

  constructor(options: BluezSourceOptions) {
    const adapter = options.adapter ?? 'hci0';
    if (!/^[A-Za-z0-9_]+$/.test(adapter)) throw new RangeError(`BlueZ: bad adapter name "${adapter}"`);
    if (!options.anchorId)
      throw new RangeError('BlueZ: anchorId (this scanner’s id in the layout) is required');
    this.#o = options;
    this.#adapter = adapter;
    this.#adapterPath = `/org/bluez/${adapter}`;
    this.#timeout = options.callTimeoutMs ?? 5000;
    this.#logger = options.logger?.child({ module: 'edge.ble.bluez' });
    this.name = `bluez ${adapter}`;
  }

  /** Rejects with a clear message when there is no bus, no BlueZ, no such adapter, or discovery fails. */
  async start(onReception: (r: Reception) => void): Promise<void> {
    if (this.#bus) throw new Error(`${this.name}: already started`);
    const where = this.#o.busAddress ?? systemBusAddress();
    let bus: MessageBus;
    try {
      bus = await connectBus(this.#o.busAddress, this.#timeout, (err) =>
        this.#logger?.warn({ err: err.message }, 'D-Bus connection error'),
      );
    } catch (err) {
      throw new Error(`BlueZ: ${(err as Error).message}; is this a Linux host with D-Bus running?`);
    }
    try {
      await this.#setUp(bus, where, createReceptionGate(this.#o.classify, this.counters, onReception));
    } catch (err) {
      disconnectQuietly(bus);
      throw err;
    }
    this.#bus = bus;
    this.#logger?.info({ adapter: this.#adapter }, 'BLE discovery started');
  }

  async stop(): Promise<void> {
    const bus = this.#bus;
    this.#bus = undefined;
    if (!bus) return;
    if (this.#discovering) {
      await this.#callAdapter(bus, 'StopDiscovery').catch((err: Error) =>
        this.#logger?.warn({ err: err.message }, 'StopDiscovery failed'),
      );
      this.#discovering = false;
    }
    this.#devices.clear();
    disconnectQuietly(bus);
  }

  async #setUp(bus: MessageBus, where: string, gate: ReceptionGate): Promise<void> {
    let owner: string;
    try {
      owner = await nameOwner(bus, BLUEZ, this.#timeout);
    } catch (err) {
      if (err instanceof DBusCallError && err.errorName === 'org.freedesktop.DBus.Error.NameHasNoOwner') {
        throw new Error(
          `BlueZ: the org.bluez service is not on the bus at ${where} (is bluetoothd running?)`,
        );
      }
      throw new Error(`BlueZ: cannot ask the bus at ${where} for org.bluez: ${(err as Error).message}`);
    }
    const objects = await this.#call(bus, {
      destination: BLUEZ,
      path: '/',
      interface: OBJECT_MANAGER,
      member: 'GetManagedObjects',
    });
    const managed = isRecord(objects.body[0]) ? objects.body[0] : {};
    const adapters = Object.keys(managed)
      .filter((path) => isRecord(managed[path]) && ADAPTER1 in (managed[path] as object))
      .map((path) => path.slice(path.lastIndexOf('/') + 1))
      .sort();
    if (!adapters.includes(this.#adapter)) {
      throw new Error(
        `BlueZ: no Bluetooth adapter '${this.#adapter}' (found: ${adapters.length > 0 ? adapters.join(', ') : 'none'})`,
      );
    }

    bus.on('message', (msg: Message) => {
      if (msg.type === dbus.MessageType.SIGNAL && msg.sender === owner) this.#onSignal(msg, gate);
    });
    const ns = `sender='${BLUEZ}',path_namespace='${this.#adapterPath}'`;
    for (const rule of [
      `type='signal',sender='${BLUEZ}',interface='${OBJECT_MANAGER}',member='InterfacesAdded'`,
      `type='signal',sender='${BLUEZ}',interface='${OBJECT_MANAGER}',member='InterfacesRemoved'`,
      `type='signal',${ns},interface='${PROPERTIES}',member='PropertiesChanged',arg0='${DEVICE1}'`,
    ]) {
      await addMatch(bus, rule, this.#timeout).catch((err: Error) => {
        throw new Error(`BlueZ: cannot subscribe to device signals: ${err.message}`);
      });
    }
    // Devices BlueZ already knows: remember the recognised ones (their cached RSSI may be stale: not a reception).
    for (const [path, ifaces] of Object.entries(managed)) {
      if (this.#isDevicePath(path) && isRecord(ifaces) && ifaces[DEVICE1])
        this.#update(path, ifaces[DEVICE1], gate, false);
    }

    await this.#callAdapter(bus, 'SetDiscoveryFilter', 'a{sv}', [
      { Transport: new dbus.Variant('s', 'le'), DuplicateData: new dbus.Variant('b', true) },
    ]);
    await this.#callAdapter(bus, 'StartDiscovery');
    this.#discovering = true;
  }

  #onSignal(msg: Message, gate: ReceptionGate): void {
    const body = msg.body ?? [];
    if (msg.interface === OBJECT_MANAGER && msg.member === 'InterfacesAdded') {
      const [path, ifaces] = body;
      if (typeof path === 'string' && this.#isDevicePath(path) && isRecord(ifaces) && ifaces[DEVICE1]) {
        this.#update(path, ifaces[DEVICE1], gate, true);
      }
    } else if (msg.interface === OBJECT_MANAGER && msg.member === 'InterfacesRemoved') {
      const [path, ifaces] = body;
      if (typeof path === 'string' && Array.isArray(ifaces) && ifaces.includes(DEVICE1))
        this.#devices.delete(path);
    } else if (msg.interface === PROPERTIES && msg.member === 'PropertiesChanged' && body[0] === DEVICE1) {
      if (this.#isDevicePath(msg.path)) this.#update(msg.path, body[1], gate, true);
    }
  }

  /** Applies one Device1 update; `heard` when it may carry a fresh RSSI. */
  #update(path: string, props: unknown, gate: ReceptionGate, heard: boolean): void {
    const update = readDevice1Properties(props);
    let known = this.#devices.get(path);
    if (update.manufacturerData || update.serviceData) {
      const manufacturerData = update.manufacturerData ?? known?.manufacturerData;
      const serviceData = update.serviceData ?? known?.serviceData;
      const beacon = beaconIdOfAdvertisement({ manufacturerData, serviceData });
      this.#devices.delete(path);
      known = undefined;
      if (beacon !== undefined && this.#o.classify(beacon) !== undefined) {
        known = { beacon, manufacturerData, serviceData };
        this.#remember(path, known);
      }
    }
    if (!heard || update.rssi === undefined) return;
    if (!known) {
      this.counters.strangers += 1;
      return;
    }
    gate.offer({
      ts: (this.#o.now ?? Date.now)(),
      anchor: this.#o.anchorId,
      beacon: known.beacon,
      rssi: update.rssi,
    });
  }

  #remember(path: string, device: KnownDevice): void {
    const max = this.#o.maxDevices ?? 4096;
    while (this.#devices.size >= max) {
      const oldest = this.#devices.keys().next();
      if (oldest.done) break;
      this.#devices.delete(oldest.value);
    }
    this.#devices.set(path, device);
  }

  #isDevicePath(path: string): boolean {
    return path.startsWith(`${this.#adapterPath}/`);
  }

  #callAdapter(bus: MessageBus, member: string, signature?: string, body?: unknown[]): Promise<Message> {
    return this.#call(bus, {
      destination: BLUEZ,
      path: this.#adapterPath,
      interface: ADAPTER1,
      member,
      signature,
      body,
    });
  }

  async #call(bus: MessageBus, spec: CallSpec): Promise<Message> {
    try {
      return await callWithTimeout(bus, spec, this.#timeout);
    } catch (err) {
      throw new Error(
        `BlueZ: ${spec.path === '/' ? 'org.bluez' : `adapter '${this.#adapter}'`}: ${(err as Error).message}`,
      );
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
