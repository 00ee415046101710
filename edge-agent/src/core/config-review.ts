// Decides whether a `config` pushed by the hub may replace the one the gateway runs. Pure.
import type { ConfigMessage } from '@retail/contracts';

export interface RunningConfig {
  storeId: string;
  gatewayId: string;
  configVersion: number;
}

export type ConfigVerdict =
  | { action: 'apply' }
  /** Already running it (a retained message re-delivered on reconnect). */
  | { action: 'ignore' }
  | { action: 'reject'; reason: string };

export function reviewConfig(running: RunningConfig, incoming: ConfigMessage): ConfigVerdict {
  if (incoming.configVersion === running.configVersion) return { action: 'ignore' };
  if (incoming.configVersion < running.configVersion) {
    return {
      action: 'reject',
      reason: `config version ${incoming.configVersion} is older than the running version ${running.configVersion}`,
    };
  }
  const layout = incoming.layout;
  if (layout) {
    if (layout.storeId !== running.storeId) {
      return {
        action: 'reject',
        reason: `layout is for store "${layout.storeId}", this gateway is in "${running.storeId}"`,
      };
    }
    if (!layout.gateways.some((g) => g.id === running.gatewayId)) {
      return { action: 'reject', reason: `layout does not list gateway "${running.gatewayId}"` };
    }
  }
  return { action: 'apply' };
}
