// Member pseudonyms: pid = HMAC-SHA256(hubKey, memberId). The same member gets the same pid from
// the till (loyalty number) and, later, from the loyalty app; the raw number is never stored.
import { createHmac } from 'node:crypto';

export type Pseudonymize = (memberId: string) => string;

export function createPseudonymizer(hubKey: Buffer): Pseudonymize {
  if (hubKey.byteLength < 32) throw new Error('the hub key must be at least 32 bytes');
  return (memberId) => createHmac('sha256', hubKey).update(memberId.trim()).digest('hex');
}
