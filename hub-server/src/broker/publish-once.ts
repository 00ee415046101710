// The hub's rare messages to gateways (config pushes, commands): connect, publish each in order with
// QoS 1, disconnect. No session is left open between them; retained messages reach a gateway that is
// offline now when it next connects.
import mqtt from 'mqtt';

export interface HubClientOptions {
  /** The broker's URL, read at publish time (the embedded broker's port is known only once started). */
  brokerUrl: () => string;
  username: string | undefined;
  password: string | undefined;
}

export interface Publication {
  topic: string;
  payload: string;
  retain: boolean;
}

export async function publishOnce(
  o: HubClientOptions,
  clientId: string,
  publications: readonly Publication[],
): Promise<void> {
  const url = o.brokerUrl();
  if (!url) throw new Error('the broker is not running');
  const client = await mqtt.connectAsync(url, {
    clientId,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...(o.username !== undefined && { username: o.username }),
    ...(o.password !== undefined && { password: o.password }),
  });
  try {
    for (const p of publications) await client.publishAsync(p.topic, p.payload, { qos: 1, retain: p.retain });
  } finally {
    await client.endAsync();
  }
}
