// Config push over MQTT: the config is published retained with QoS 1 on the gateway's own `config`
// topic, so a gateway that is offline now receives it when it next connects.
import { type ConfigMessage, gatewayTopic } from '@retail/contracts';
import { type HubClientOptions, publishOnce } from '../broker/publish-once.js';
import type { GatewayControl } from './gateway-control.js';

export type MqttGatewayControlOptions = HubClientOptions;

/** Connects for each push and disconnects after it: pushes are rare, and no session is left open. */
export class MqttGatewayControl implements GatewayControl {
  #sequence = 0;

  constructor(private readonly o: MqttGatewayControlOptions) {}

  async pushConfig(message: ConfigMessage): Promise<void> {
    await publishOnce(this.o, `hub-config-${process.pid}-${++this.#sequence}`, [
      {
        topic: gatewayTopic(message.storeId, message.gatewayId, 'config'),
        payload: JSON.stringify(message),
        retain: true,
      },
    ]);
  }
}
