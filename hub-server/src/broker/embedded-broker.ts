// The embedded aedes MQTT broker (MQTT 3.1.1). If the wanted port is taken (a store server may
// already run Mosquitto on 1883) it says so and falls back to a free port, which it reports.
import { once } from 'node:events';
import net from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from '../logger.js';

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** Take any free port when `port` is in use, instead of failing. */
  fallbackToFreePort: boolean;
  logger: Logger;
  /** Installs authentication, ACLs and ingest hooks before the first client connects. */
  configure?: (aedes: Aedes) => void;
}

export class EmbeddedBroker {
  #aedes: Aedes | undefined;
  #server: net.Server | undefined;
  #port = 0;

  constructor(private readonly options: EmbeddedBrokerOptions) {}

  /** `mqtt://host:port` for clients on this machine; valid after start(). */
  get url(): string {
    const host =
      this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `mqtt://${host}:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  get clientCount(): number {
    return this.#aedes?.connectedClients ?? 0;
  }

  async start(): Promise<void> {
    const log = this.options.logger;
    this.#aedes = await Aedes.createBroker();
    this.options.configure?.(this.#aedes);
    this.#aedes.on('clientError', (client, err) =>
      log.warn({ clientId: client.id, err: err.message }, 'client error'),
    );
    this.#aedes.on('connectionError', (_client, err) => log.warn({ err: err.message }, 'connection error'));
    // No Nagle: the hub writes a batch's PUBACKs after its commit, apart from the packets they answer
    // (deferred-puback.ts), and with Nagle on the next ones waited for the gateway's delayed TCP ACK
    // while its in-flight window stood full. Measured with `bench ingest`: with the database taken out
    // of the path, 14.5k → 46k msg/s; with it, at 4 in flight per gateway, 5.0k → 5.7k stored/s.
    const server = net.createServer({ noDelay: true }, this.#aedes.handle);
    this.#server = server;
    try {
      await listen(server, this.options.host, this.options.port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !this.options.fallbackToFreePort) {
        throw new Error(
          `MQTT port ${this.options.port} on ${this.options.host} is not available: ${(err as Error).message}`,
        );
      }
      await listen(server, this.options.host, 0);
      log.warn(
        { wanted: this.options.port, port: (server.address() as net.AddressInfo).port },
        `MQTT port ${this.options.port} is already in use (another broker?); the embedded broker listens on a free port instead`,
      );
    }
    this.#port = (server.address() as net.AddressInfo).port;
    log.info({ url: this.url }, 'embedded MQTT broker listening');
  }

  async stop(): Promise<void> {
    const aedes = this.#aedes;
    const server = this.#server;
    this.#aedes = undefined;
    this.#server = undefined;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
    if (server?.listening) {
      server.close();
      await once(server, 'close');
    }
  }
}

async function listen(server: net.Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
