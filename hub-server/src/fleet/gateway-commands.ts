// Commands to gateways over MQTT (`cmd` topic, QoS 1), beside the config push of
// http/mqtt-gateway-control.ts and through the same one-off connection (broker/publish-once.ts). Each
// message is checked against the contract before any is sent. Retained commands reach a gateway that
// is offline now.
import { type CmdMessage, cmdMessageSchema, gatewayTopic } from '@retail/contracts';
import { type HubClientOptions, publishOnce } from '../broker/publish-once.js';

export interface GatewayCommands {
  /** Validates every message, then publishes them in order. */
  sendCommands(messages: CmdMessage[], options?: { retain?: boolean }): Promise<void>;
}

export class MqttGatewayCommands implements GatewayCommands {
  #sequence = 0;

  constructor(private readonly o: HubClientOptions) {}

  /** One connection for all the messages (a store's gateways). */
  async sendCommands(messages: CmdMessage[], options: { retain?: boolean } = {}): Promise<void> {
    for (const m of messages) cmdMessageSchema.parse(m);
    await publishOnce(
      this.o,
      `hub-cmd-${process.pid}-${++this.#sequence}`,
      messages.map((m) => ({
        topic: gatewayTopic(m.storeId, m.gatewayId, 'cmd'),
        payload: JSON.stringify(m),
        retain: options.retain ?? false,
      })),
    );
  }
}
