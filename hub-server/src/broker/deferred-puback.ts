// A QoS 1 PUBACK sent by the hub itself, after the commit, instead of by aedes.
//
// aedes reads a connection one chunk at a time and parses the next chunk only when every publish of
// the current one is done; done is also when it writes the PUBACK. Holding done until the commit (so
// that an acknowledged message is a stored one) therefore stalled each gateway's socket for a whole
// commit: the messages already in its buffer, up to its in-flight window, waited unread instead of
// joining the next batch. So for an ordinary QoS 1 publish the hub lets aedes go on at once as if it
// were QoS 0 (no PUBACK from aedes) and writes the 4-byte PUBACK itself when the commit is done.
// The promise is unchanged: no PUBACK before the commit; no PUBACK at all when nothing was stored.
// A connection with too many messages uncommitted is paused (aedes stops reading it, so TCP pushes
// back on the sender) until half of them are committed: a client ignoring its in-flight window
// cannot fill the hub's memory.
import type { Client, PublishPacket } from 'aedes';

export interface DeferredAcks {
  /**
   * Whether this publish's PUBACK can be deferred; if so it is taken over (its QoS is lowered to 0 so
   * aedes sends none) and `settle` must follow. Retained messages, wills (no message id), QoS 0 and 2
   * keep aedes's own handling (ack once authorizePublish is done).
   */
  takeOver(client: Client, packet: PublishPacket): boolean;
  /** After the commit: PUBACK the taken-over publish, or close the connection when it was not stored. */
  settle(client: Client, messageId: number, stored: boolean): void;
}

/** Messages of one connection awaiting their commit before it is paused (the edge's window is 32). */
export const MAX_UNCOMMITTED_PER_CLIENT = 1024;

export function deferredAcks(maxUncommitted = MAX_UNCOMMITTED_PER_CLIENT): DeferredAcks {
  const uncommitted = new WeakMap<Client, number>();
  const paused = new WeakSet<Client>();
  /** Connections written to in this turn, uncorked together once the turn's acks are all written. */
  const corked = new Set<Client>();

  function uncorkAll(): void {
    for (const client of corked) client.conn.uncork?.();
    corked.clear();
  }

  return {
    takeOver(client, packet) {
      if (packet.qos !== 1 || packet.retain || typeof packet.messageId !== 'number') return false;
      const count = (uncommitted.get(client) ?? 0) + 1;
      uncommitted.set(client, count);
      if (count >= maxUncommitted && !paused.has(client)) {
        paused.add(client);
        (client as Pausable).pause();
      }
      (packet as { qos: number }).qos = 0;
      return true;
    },
    settle(client, messageId, stored) {
      const count = Math.max(0, (uncommitted.get(client) ?? 1) - 1);
      uncommitted.set(client, count);
      if (client.closed || !client.connected) return;
      if (paused.has(client) && count <= maxUncommitted >> 1) {
        paused.delete(client);
        (client as Pausable).resume();
      }
      if (!stored) {
        // No PUBACK: the gateway resends from its outbox when it reconnects.
        client.close();
        return;
      }
      const conn = client.conn;
      if (!corked.has(client) && typeof conn.cork === 'function') {
        if (corked.size === 0) process.nextTick(uncorkAll);
        conn.cork();
        corked.add(client);
      }
      conn.write(pubackBytes(messageId));
    },
  };
}

/** aedes's Client reads no further packets while paused (lib/client.js); its typings omit the pair. */
type Pausable = Client & { pause(): void; resume(): void };

/** MQTT 3.1.1 §3.4 (and a success PUBACK in MQTT 5): fixed header 0x40, remaining length 2, packet id. */
export function pubackBytes(messageId: number): Uint8Array {
  return Uint8Array.of(0x40, 2, (messageId >> 8) & 0xff, messageId & 0xff);
}
