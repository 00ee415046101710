// Authentication, topic ACLs and ingest for the embedded aedes broker. A publish from a gateway or
// till is handed to the ingest pipeline inside `authorizePublish`, and its PUBACK is sent only after
// the commit (by the hub itself, see deferred-puback.ts, or by aedes once authorizePublish returns):
// so a message is acknowledged only once it is stored, and a hub killed with -9 loses nothing a
// gateway believes delivered (its outbox resends the rest).
import { timingSafeEqual } from 'node:crypto';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import type { IngestCounters } from '../ingest/ingest-counters.js';
import type { IngestSink } from '../ingest/ingest-pipeline.js';
import type { Logger } from '../logger.js';
import { verifyPassword } from './credentials.js';
import { deferredAcks } from './deferred-puback.js';
import { type Identity, mayPublish, maySubscribe, parseUsername } from './topic-acl.js';

export const HUB_USERNAME = 'hub';

export interface BrokerGuardOptions {
  /** The stored password hash of `{storeId}.{principal}` (principal = gateway id, or "pos"). */
  lookupHash: (storeId: string, principal: string) => Promise<string | null | undefined>;
  /** The password of the hub's own clients, for this run. */
  hubPassword: string;
  pipeline: IngestSink;
  counters: IngestCounters;
  logger: Logger;
  now: () => number;
  /** Messages of one connection awaiting their commit before aedes stops reading it (deferred-puback.ts). */
  maxUncommittedPerClient?: number;
}

const BAD_CREDENTIALS = 4;
const NOT_AUTHORIZED = 5;

export function attachBrokerGuard(aedes: Aedes, o: BrokerGuardOptions): void {
  const identities = new WeakMap<Client, Identity>();
  const acks = deferredAcks(o.maxUncommittedPerClient);

  aedes.authenticate = (client, username, password, done) => {
    const refuse = (why: string, code = BAD_CREDENTIALS) => {
      o.logger.warn({ clientId: client.id, username, why }, 'MQTT connection refused');
      const err = new Error(why) as AuthenticateError;
      err.returnCode = code;
      done(err, false);
    };
    void identify(username, password?.toString('utf8'))
      .then((identity) => {
        if (!identity) return refuse('bad user name or password');
        identities.set(client, identity);
        done(null, true);
      })
      .catch((err: Error) => refuse(`authentication failed: ${err.message}`, NOT_AUTHORIZED));
  };

  aedes.authorizeSubscribe = (client, sub, done) => {
    const who = client ? identities.get(client) : undefined;
    if (who && maySubscribe(who, sub.topic)) return done(null, sub);
    o.logger.warn({ clientId: client?.id, topic: sub.topic }, 'subscription refused');
    // A null subscription is answered with 0x80 (failure) and the session goes on, as MQTT 3.1.1 intends.
    done(null, null);
  };

  aedes.authorizePublish = (client, packet, done) => {
    // The broker's own messages ($SYS) have no client.
    if (!client) return done(null);
    const who = identities.get(client);
    if (!who || !mayPublish(who, packet.topic)) {
      o.counters.countRejected('not-authorized');
      o.logger.warn({ clientId: client.id, topic: packet.topic.slice(0, 200) }, 'publish refused');
      return done(new Error(`not allowed to publish to ${packet.topic.slice(0, 200)}`));
    }
    // The hub's own messages (config, cmd) and clearing a retained topic are not ingested.
    if (who.role === 'hub' || packet.payload.length === 0) return done(null);
    const submitted = o.pipeline.submit({
      topic: packet.topic,
      payload: packet.payload as Buffer,
      clientId: client.id,
      receivedAt: o.now(),
    });
    if (acks.takeOver(client, packet)) {
      // aedes reads on at once; the PUBACK follows the commit (deferred-puback.ts).
      const messageId = packet.messageId!;
      done(null);
      submitted.then(
        () => acks.settle(client, messageId, true),
        (err: Error) => {
          o.logger.warn({ clientId: client.id, err: err.message }, 'not stored; closing the connection');
          acks.settle(client, messageId, false);
        },
      );
      return;
    }
    submitted.then(
      () => done(null),
      // Not stored: no PUBACK. Disconnecting makes the gateway resend from its outbox.
      (err: Error) => done(new Error(`not stored: ${err.message}`)),
    );
  };

  async function identify(
    username: string | undefined,
    password: string | undefined,
  ): Promise<Identity | undefined> {
    if (!username || password === undefined) return undefined;
    if (username === HUB_USERNAME) {
      const a = Buffer.from(password);
      const b = Buffer.from(o.hubPassword);
      return a.byteLength === b.byteLength && timingSafeEqual(a, b) ? { role: 'hub' } : undefined;
    }
    const parsed = parseUsername(username);
    if (!parsed) return undefined;
    const hash = await o.lookupHash(parsed.storeId, parsed.principal);
    if (!hash || !(await verifyPassword(password, hash))) return undefined;
    return parsed.principal === 'pos'
      ? { role: 'pos', storeId: parsed.storeId }
      : { role: 'gateway', storeId: parsed.storeId, gatewayId: parsed.principal };
  }
}
