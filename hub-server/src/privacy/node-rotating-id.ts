// The rotating-id scheme bound to node:crypto's HMAC-SHA256 (the core in @retail/contracts stays pure).
import { createHmac } from 'node:crypto';
import { hmacRotatingId, type RotatingIdFor } from '@retail/contracts';

export const nodeRotatingIdFor: RotatingIdFor = hmacRotatingId((key, data) =>
  createHmac('sha256', key).update(data).digest(),
);
