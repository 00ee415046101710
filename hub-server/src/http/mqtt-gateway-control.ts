// Config push over MQTT: the config is published retained with QoS 1 on the gateway's own `config`
// topic, so a gateway that is offline now receives it when it next connects.
import { type ConfigMessage, gatewayTopic } from '@retail/contracts';
import mqtt from 'mqtt';
import type { GatewayControl } from './gateway-control.js';

export interface MqttGatewayControlOptions {
  /** The broker's URL, read at push time (the embedded broker's port is known only once started). */
  brokerUrl: () => string;
  username: string | undefined;
  password: string | undefined;
}

/** Connects for each push and disconnects after it: pushes are rare, and no session is left open. */
export class MqttGatewayControl implements GatewayControl {
  #sequence = 0;

  constructor(private readonly o: MqttGatewayControlOptions) {}

  async pushConfig(message: ConfigMessage): Promise<void> {
    const url = this.o.brokerUrl();
    if (!url) throw new Error('the broker is not running');
    const client = await mqtt.connectAsync(url, {
      clientId: `hub-config-${process.pid}-${++this.#sequence}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(this.o.username !== undefined && { username: this.o.username }),
      ...(this.o.password !== undefined && { password: this.o.password }),
    });
    try {
      const topic = gatewayTopic(message.storeId, message.gatewayId, 'config');
      await client.publishAsync(topic, JSON.stringify(message), { qos: 1, retain: true });
    } finally {
      await client.endAsync();
    }
  }
}
