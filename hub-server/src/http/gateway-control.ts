// Config push to gateways: the port the provisioning routes use (the MQTT adapter is in
// mqtt-gateway-control.ts). The gateway reports the version it runs in its `status`.
import type { ConfigMessage } from '@retail/contracts';

export interface GatewayControl {
  pushConfig(message: ConfigMessage): Promise<void>;
}
