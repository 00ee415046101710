// The few D-Bus operations the BlueZ source needs, each bounded in time so that a missing bus, a missing
// service or a wedged daemon turns into a clear error instead of a hang: connect, call, add a match rule.
import dbus, { type DBusError, type Message, type MessageBus } from 'dbus-next';

export const SYSTEM_BUS_DEFAULT_ADDRESS = 'unix:path=/var/run/dbus/system_bus_socket';

/** The address `dbus.systemBus()` would use. */
export function systemBusAddress(): string {
  return process.env.DBUS_SYSTEM_BUS_ADDRESS || SYSTEM_BUS_DEFAULT_ADDRESS;
}

/**
 * Connects to the bus at `address` (the system bus when omitted) and waits for the handshake. `onError`
 * receives connection errors after that (a bus without an error listener would crash the process).
 */
export async function connectBus(
  address: string | undefined,
  timeoutMs: number,
  onError: (err: Error) => void,
): Promise<MessageBus> {
  const where = address ?? systemBusAddress();
  let bus: MessageBus;
  try {
    bus = address === undefined ? dbus.systemBus() : dbus.sessionBus({ busAddress: address });
  } catch (err) {
    throw new Error(`no D-Bus bus at ${where} (${(err as Error).message})`);
  }
  let connected = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no D-Bus handshake at ${where} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      bus.on('error', (err: Error) => {
        if (connected) return onError(err);
        clearTimeout(timer);
        reject(new Error(`no D-Bus bus at ${where} (${err.message})`));
      });
      bus.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (err) {
    disconnectQuietly(bus);
    throw err;
  }
  return bus;
}

export function disconnectQuietly(bus: MessageBus): void {
  try {
    bus.disconnect();
  } catch {
    // Already closed.
  }
}

export interface CallSpec {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}

/** A method call with a deadline; D-Bus errors come back as `DBusCallError` (with the error name). */
export async function callWithTimeout(bus: MessageBus, spec: CallSpec, timeoutMs: number): Promise<Message> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DBusCallError(`${spec.member}: no reply within ${timeoutMs} ms`, 'timeout')),
      timeoutMs,
    );
  });
  try {
    const reply = await Promise.race([bus.call(new dbus.Message(spec)), deadline]);
    if (!reply) throw new DBusCallError(`${spec.member}: empty reply`, 'empty-reply');
    return reply;
  } catch (err) {
    if (err instanceof DBusCallError) throw err;
    const e = err as Partial<DBusError> & Error;
    throw new DBusCallError(
      `${spec.member}: ${e.type ?? 'error'}: ${e.text ?? e.message}`,
      e.type ?? 'error',
    );
  } finally {
    clearTimeout(timer);
  }
}

export class DBusCallError extends Error {
  constructor(
    message: string,
    /** The D-Bus error name (e.g. `org.freedesktop.DBus.Error.NameHasNoOwner`), or `timeout`. */
    readonly errorName: string,
  ) {
    super(message);
    this.name = 'DBusCallError';
  }
}

const BUS_DAEMON = {
  destination: 'org.freedesktop.DBus',
  path: '/org/freedesktop/DBus',
  interface: 'org.freedesktop.DBus',
};

export function addMatch(bus: MessageBus, rule: string, timeoutMs: number): Promise<Message> {
  return callWithTimeout(bus, { ...BUS_DAEMON, member: 'AddMatch', signature: 's', body: [rule] }, timeoutMs);
}

/** The unique name owning a well-known name; rejects with `NameHasNoOwner` when nobody does. */
export async function nameOwner(bus: MessageBus, name: string, timeoutMs: number): Promise<string> {
  const reply = await callWithTimeout(
    bus,
    { ...BUS_DAEMON, member: 'GetNameOwner', signature: 's', body: [name] },
    timeoutMs,
  );
  return String(reply.body[0]);
}
