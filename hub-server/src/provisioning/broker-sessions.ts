// Which embedded-broker session belongs to which MQTT user, so a revoked gateway's live connection
// can be closed at once rather than at its next reconnect (which the cleared hash then refuses).
// Attached after the broker guard: it wraps the guard's `authenticate` and records successes.
import type { Aedes, Client } from 'aedes';
import { usernameOf } from '../broker/topic-acl.js';

export class BrokerSessions {
  readonly #users = new Map<Client, string>();

  /** Call from the embedded broker's `configure`, after `attachBrokerGuard`. */
  attach(aedes: Aedes): void {
    const authenticate = aedes.authenticate;
    aedes.authenticate = (client, username, password, done) =>
      authenticate(client, username, password, (err, ok) => {
        if (!err && ok && username !== undefined) this.#users.set(client, username);
        done(err, ok);
      });
    aedes.on('clientDisconnect', (client) => this.#users.delete(client));
  }

  /** Closes every session of the gateway's MQTT user; returns how many. */
  disconnect(storeId: string, gatewayId: string): number {
    const username = usernameOf({ role: 'gateway', storeId, gatewayId });
    let closed = 0;
    for (const [client, user] of this.#users) {
      if (client.closed) this.#users.delete(client);
      if (user !== username || client.closed) continue;
      this.#users.delete(client);
      client.close();
      closed++;
    }
    return closed;
  }
}
