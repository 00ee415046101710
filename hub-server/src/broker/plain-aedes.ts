// A plain aedes broker (no hub guard) on a free local port: the raw broker of `bench ingest`'s
// baseline, and the real broker of tests that bring their own hooks.
import net from 'node:net';
import { Aedes } from 'aedes';

export interface PlainAedes {
  aedes: Aedes;
  url: string;
  close(): Promise<void>;
}

export async function listenPlainAedes(): Promise<PlainAedes> {
  const aedes = await Aedes.createBroker();
  const server = net.createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    aedes,
    url: `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
