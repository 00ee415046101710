// The layout's BLE scanners as positioning anchors (position and radio calibration), all of the store's
// or one gateway's.
import type { StoreLayout } from '@retail/contracts';
import type { AnchorSpec } from './ble-types.js';

export function anchorsOfLayout(layout: Pick<StoreLayout, 'scanners'>, gatewayId?: string): AnchorSpec[] {
  return layout.scanners
    .filter((s) => gatewayId === undefined || s.gatewayId === gatewayId)
    .map((s) => ({
      id: s.id,
      x: s.position.x,
      y: s.position.y,
      z: s.position.z,
      rssiAt1m: s.calibration.rssiAt1m,
      pathLossExponent: s.calibration.pathLossExponent,
    }));
}
