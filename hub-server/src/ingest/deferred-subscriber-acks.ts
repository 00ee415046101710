// The external-broker subscriber's PUBACKs, sent after the commit without stopping the session.
//
// mqtt.js reads the next packet of a connection only once the current one is handled, and for a QoS 1
// publish "handled" means its PUBACK was sent: acknowledging after the commit that way commits one
// message at a time per connection. Here handleMessage hands the message to the pipeline and returns
// at once; mqtt.js's own PUBACK for it is held back (in `_sendPacket`, the one place mqtt.js writes
// packets) until that commit, so the session reads on while the broker still holds the message.
// The broker bounds what is unacknowledged per session (Mosquitto's max_inflight_messages), so
// nothing queues here without limit. PUBACKs go out in the order the publishes came, as MQTT 3.1.1
// asks; one held across a reconnect is dropped, since the broker sends that message again.
import type { MqttClient } from 'mqtt';

type SendPacket = (
  packet: { cmd: string; messageId?: number },
  cb?: (err?: Error) => void,
  ...rest: unknown[]
) => void;

export interface DeferredAcks {
  /** The PUBACK of `messageId` waits for `committed`; a rejection drops it and calls `onFailure`. */
  hold(messageId: number, committed: Promise<unknown>): void;
}

export function deferSubscriberAcks(client: MqttClient, onFailure: (err: Error) => void): DeferredAcks {
  const held = new Map<number, Promise<unknown>>();
  let session = 0;
  /** The last PUBACK of this session in line: each waits for the one before it. */
  let line: Promise<void> = Promise.resolve();
  client.on('connect', () => {
    session++;
    held.clear();
    line = Promise.resolve();
  });

  const target = client as unknown as { _sendPacket: SendPacket };
  const send = target._sendPacket.bind(client);
  target._sendPacket = (packet, cb, ...rest) => {
    const committed = packet.cmd === 'puback' && packet.messageId !== undefined && held.get(packet.messageId);
    if (!committed) return send(packet, cb, ...rest);
    held.delete(packet.messageId!);
    const mine = session;
    line = line.then(() =>
      committed.then(
        () => {
          if (mine === session && client.connected) send(packet, undefined, ...rest);
        },
        (err: Error) => {
          if (mine === session) onFailure(err);
        },
      ),
    );
    // mqtt.js takes this as sent and goes on to the next packet.
    cb?.();
  };

  return {
    hold(messageId, committed) {
      // Its failure is handled where the PUBACK waits for it; this only keeps it from going unhandled.
      committed.catch(() => {});
      held.set(messageId, committed);
    },
  };
}
