// A TCP proxy between gateways and the broker, for outage tests.
import net from 'node:net';

/**
 * A TCP proxy to the broker that can fail two ways: `cut()` resets open connections and refuses new ones
 * (the broker is down); `blackhole()` keeps connections open but silently drops every byte (a dead
 * link: publishes go out and no PUBACK ever comes back). `restore()` ends the failure.
 */
export async function startProxy(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let mode: 'open' | 'cut' | 'blackhole' = 'open';
  const server = net.createServer((downstream) => {
    if (mode === 'cut') return downstream.destroy();
    const upstream = net.connect(Number(port || 1883), hostname);
    for (const [from, to] of [
      [downstream, upstream],
      [upstream, downstream],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk) => mode === 'open' && to.write(chunk));
      from.on('error', () => {});
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    url: `mqtt://127.0.0.1:${proxyPort}`,
    cut() {
      mode = 'cut';
      dropAll();
    },
    blackhole() {
      mode = 'blackhole';
    },
    restore() {
      if (mode === 'blackhole') dropAll(); // those connections are dead; let the clients reconnect
      mode = 'open';
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
