// The loyalty app's rotating BLE identifier, shared by the phone side (the simulator), the gateway
// (which only sees it) and the hub (which resolves it to a member pseudonym): the id for a time slot is
// HMAC-SHA256(member app secret, slot) truncated to 8 bytes, written as 16 lower-case hex, the shape
// `rotatingIdSchema` accepts. The app advertises it in an Eddystone-EID frame. The HMAC is injected so
// this core stays free of node:crypto; an adapter passes `(k, d) => createHmac('sha256', k).update(d).digest()`.

/** HMAC-SHA256 of `data` under `key`; 32 bytes. */
export type HmacSha256 = (key: Uint8Array, data: Uint8Array) => Uint8Array;

/** The rotating id for a slot of a member's app secret (32 hex). */
export type RotatingIdFor = (secret: string, slot: number) => string;

/** Default rotation period of the app's identifier. */
export const ROTATION_SLOT_MS = 15 * 60_000;

/** The slot a UTC instant falls in. */
export function rotationSlot(ts: number, slotMs = ROTATION_SLOT_MS): number {
  return Math.floor(ts / slotMs);
}

/**
 * Truncated HMAC-SHA256: key = the secret's bytes (hex-decoded), data = the slot as an unsigned 64-bit
 * big-endian integer, id = the first 8 bytes of the MAC in hex.
 */
export function hmacRotatingId(hmac: HmacSha256): RotatingIdFor {
  return (secret, slot) => {
    if (!/^[0-9a-f]+$/.test(secret) || secret.length % 2 !== 0) {
      throw new RangeError('the app secret must be an even number of lower-case hex digits');
    }
    if (!Number.isSafeInteger(slot) || slot < 0)
      throw new RangeError(`slot ${slot} is not a whole number ≥ 0`);
    const key = new Uint8Array(secret.length / 2);
    for (let i = 0; i < key.length; i++) key[i] = Number.parseInt(secret.slice(2 * i, 2 * i + 2), 16);
    const data = new Uint8Array(8);
    new DataView(data.buffer).setBigUint64(0, BigInt(slot));
    const mac = hmac(key, data);
    if (mac.length < 8) throw new RangeError('the HMAC returned fewer than 8 bytes');
    let id = '';
    for (let i = 0; i < 8; i++) id += mac[i]!.toString(16).padStart(2, '0');
    return id;
  };
}

/** The ids an app user's phone advertises between two instants, one per slot, in order. */
export function rotatingIdsBetween(
  secret: string,
  fromTs: number,
  toTs: number,
  rotatingIdFor: RotatingIdFor,
  slotMs = ROTATION_SLOT_MS,
): { slot: number; fromTs: number; id: string }[] {
  const out: { slot: number; fromTs: number; id: string }[] = [];
  for (let slot = rotationSlot(fromTs, slotMs); slot * slotMs <= toTs; slot++) {
    out.push({ slot, fromTs: Math.max(fromTs, slot * slotMs), id: rotatingIdFor(secret, slot) });
  }
  return out;
}
