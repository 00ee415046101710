// Commands to gateways over MQTT (`cmd` topic, QoS 1), beside the config push of
// http/mqtt-gateway-control.ts and with the same connection settings. Each message is checked
// against the contract before it is sent. Retained commands reach a gateway that is offline now.
import { type CmdMessage, cmdMessageSchema, gatewayTopic } from '@retail/contracts';
import mqtt from 'mqtt';
import type { MqttGatewayControlOptions } from '../http/mqtt-gateway-control.js';

export interface GatewayCommands {
  /** Validates every message, then publishes them in order. */
  sendCommands(messages: CmdMessage[], options?: { retain?: boolean }): Promise<void>;
}

export class MqttGatewayCommands implements GatewayCommands {
  #sequence = 0;

  constructor(private readonly o: MqttGatewayControlOptions) {}

  /** One connection for all the messages (a store's gateways). */
  async sendCommands(messages: CmdMessage[], options: { retain?: boolean } = {}): Promise<void> {
    for (const m of messages) cmdMessageSchema.parse(m);
    const url = this.o.brokerUrl();
    if (!url) throw new Error('the broker is not running');
    const client = await mqtt.connectAsync(url, {
      clientId: `hub-cmd-${process.pid}-${++this.#sequence}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(this.o.username !== undefined && { username: this.o.username }),
      ...(this.o.password !== undefined && { password: this.o.password }),
    });
    try {
      for (const m of messages)
        await client.publishAsync(gatewayTopic(m.storeId, m.gatewayId, 'cmd'), JSON.stringify(m), {
          qos: 1,
          retain: options.retain ?? false,
        });
    } finally {
      await client.endAsync();
    }
  }
}
