// Whether the gateway is fully working, from one metrics window: `degraded`, with the reasons, while a
// camera is down, a camera's positions fall off the floor plan, or the outbox had to drop messages.
// The retained `status` carries it, so the Fleet page's Status column and its degraded count say so
// without IT reading every gateway's metrics. Pure.
import type { StatusMessage } from '@retail/contracts';
import { type CameraHealthSnapshot, slippedCameras } from './vision/pipeline/camera-health.js';

export interface GatewayCondition {
  state: 'online' | 'degraded';
  /** What is wrong, when degraded. */
  reason?: string;
}

export const HEALTHY: GatewayCondition = { state: 'online' };

/** The contract's longest status reason. */
const MAX_REASON = 2000;

export function gatewayCondition(window: {
  cameras: readonly CameraHealthSnapshot[];
  outboxDropped: number;
}): GatewayCondition {
  const reasons = [
    ...window.cameras.filter((c) => !c.online).map((c) => `camera ${c.cameraId} is down`),
    ...slippedCameras(window.cameras).map(
      (c) => `camera ${c.cameraId} places shoppers off the floor plan (check its calibration)`,
    ),
    ...(window.outboxDropped > 0 ? [`the outbox dropped ${window.outboxDropped} messages`] : []),
  ];
  if (reasons.length === 0) return HEALTHY;
  return { state: 'degraded', reason: reasons.join('; ').slice(0, MAX_REASON) };
}

export function sameCondition(a: GatewayCondition, b: GatewayCondition): boolean {
  return a.state === b.state && a.reason === b.reason;
}

type StatusFields = Pick<StatusMessage, 'state'> & Partial<Pick<StatusMessage, 'reason'>>;

/**
 * An `online` status as the gateway's condition has it: `degraded` with its reasons (before any reason
 * of the status's own, such as a rejected config). `offline` stays as it is.
 */
export function withCondition<F extends StatusFields>(fields: F, condition: GatewayCondition): F {
  if (fields.state !== 'online' || condition.state === 'online') return fields;
  const reason = [condition.reason, fields.reason].filter((r) => r !== undefined).join('; ');
  return { ...fields, state: 'degraded', reason: reason.slice(0, MAX_REASON) };
}
