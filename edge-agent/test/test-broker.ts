// A real MQTT broker for tests: Mosquitto (or any) when MQTT_URL is set, else aedes in-process on a free port.
import net from 'node:net';
import { Aedes } from 'aedes';

export interface TestBroker {
  url: string;
  stop(): Promise<void>;
}

export async function startTestBroker(): Promise<TestBroker> {
  if (process.env.MQTT_URL) return { url: process.env.MQTT_URL, stop: async () => {} };
  const aedes = await Aedes.createBroker();
  const server = net.createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
