// Binds a server to `port`, or to the next free one of `attempts` ports; returns the port bound.
import type net from 'node:net';

export interface ListenOptions {
  host: string;
  port: number;
  attempts: number;
  /** Creates a server listening on the given port (it may fail asynchronously with EADDRINUSE). */
  listen: (port: number) => net.Server;
}

export async function listenOnFreePort(o: ListenOptions): Promise<number> {
  let lastError: Error | undefined;
  for (let i = 0; i < Math.max(1, o.attempts); i++) {
    const wanted = o.port === 0 ? 0 : o.port + i;
    const server = o.listen(wanted);
    try {
      await new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('listening', () => resolve());
        server.once('error', reject);
      });
      return (server.address() as net.AddressInfo).port;
    } catch (err) {
      lastError = err as Error;
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  throw new Error(`cannot listen on ${o.host}:${o.port}: ${lastError?.message ?? 'unknown error'}`);
}
