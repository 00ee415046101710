// What the hub knows of its gateways, from their retained `status` messages and last wills.
// Pure: messages and the time they arrived go in, a snapshot comes out.
import type { StatusMessage } from '@retail/contracts';

export interface GatewayView {
  storeId: string;
  gatewayId: string;
  state: StatusMessage['state'];
  reason?: string;
  version: string;
  layoutVersion?: number;
  configVersion?: number;
  startedAt?: number;
  /** When the hub last heard from it (its clock, ms). */
  lastSeen: number;
}

export class FleetState {
  readonly #gateways = new Map<string, GatewayView>();

  /** Returns true when what a person would see changed (state, version, reason). */
  apply(status: StatusMessage, receivedAt: number): boolean {
    const key = `${status.storeId}/${status.gatewayId}`;
    const before = this.#gateways.get(key);
    // A stale retained status must not override a newer one (e.g. a will delivered late).
    if (
      before?.startedAt !== undefined &&
      status.startedAt !== undefined &&
      status.startedAt < before.startedAt
    ) {
      return false;
    }
    const view: GatewayView = {
      storeId: status.storeId,
      gatewayId: status.gatewayId,
      state: status.state,
      version: status.version,
      lastSeen: receivedAt,
      ...(status.reason !== undefined && { reason: status.reason }),
      ...(status.layoutVersion !== undefined && { layoutVersion: status.layoutVersion }),
      ...(status.configVersion !== undefined && { configVersion: status.configVersion }),
      ...(status.startedAt !== undefined && { startedAt: status.startedAt }),
    };
    this.#gateways.set(key, view);
    return before?.state !== view.state || before.version !== view.version || before.reason !== view.reason;
  }

  list(storeId?: string): GatewayView[] {
    return [...this.#gateways.values()]
      .filter((g) => storeId === undefined || g.storeId === storeId)
      .sort((a, b) => a.storeId.localeCompare(b.storeId) || a.gatewayId.localeCompare(b.gatewayId));
  }

  get(storeId: string, gatewayId: string): GatewayView | undefined {
    return this.#gateways.get(`${storeId}/${gatewayId}`);
  }

  summary(): { online: number; offline: number; degraded: number } {
    const s = { online: 0, offline: 0, degraded: 0 };
    for (const g of this.#gateways.values()) s[g.state]++;
    return s;
  }
}
