// The adapter that gives the simulated loyalty app its real HMAC-SHA256 (node:crypto), keeping the
// emitter and reception models free of node:*.
import { createHmac } from 'node:crypto';
import { type HmacSha256, hmacRotatingId, type RotatingIdFor } from '@retail/contracts';

export const nodeHmacSha256: HmacSha256 = (key, data) => createHmac('sha256', key).update(data).digest();

/** The loyalty app's rotating id for (member secret, slot), as the simulator and the hub compute it. */
export const nodeRotatingIdFor: RotatingIdFor = hmacRotatingId(nodeHmacSha256);
