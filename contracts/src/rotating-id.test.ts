import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rotatingIdSchema } from './messages/paths.js';
import { hmacRotatingId, ROTATION_SLOT_MS, rotatingIdsBetween, rotationSlot } from './rotating-id.js';

const hmac = (key: Uint8Array, data: Uint8Array) => createHmac('sha256', key).update(data).digest();
const rotatingIdFor = hmacRotatingId(hmac);
const secret = '00112233445566778899aabbccddeeff';

describe('rotating ids', () => {
  it('are the first 8 bytes of HMAC-SHA256(secret bytes, big-endian 64-bit slot)', () => {
    const expected = createHmac('sha256', Buffer.from(secret, 'hex'))
      .update(Buffer.from([0, 0, 0, 0, 0, 0x1e, 0x84, 0x80]))
      .digest('hex')
      .slice(0, 16);
    expect(rotatingIdFor(secret, 2_000_000)).toBe(expected);
    expect(rotatingIdSchema.safeParse(expected).success).toBe(true);
  });

  it('change every slot and differ between members', () => {
    expect(rotatingIdFor(secret, 1)).not.toBe(rotatingIdFor(secret, 2));
    expect(rotatingIdFor(secret, 1)).not.toBe(rotatingIdFor('ffeeddccbbaa99887766554433221100', 1));
  });

  it('list the ids advertised over a visit, one per slot touched', () => {
    const from = 100 * ROTATION_SLOT_MS + 60_000;
    const to = 102 * ROTATION_SLOT_MS + 5;
    const ids = rotatingIdsBetween(secret, from, to, rotatingIdFor);
    expect(ids.map((x) => x.slot)).toEqual([100, 101, 102]);
    expect(ids[0]!.fromTs).toBe(from);
    expect(ids[2]!.id).toBe(rotatingIdFor(secret, rotationSlot(to)));
  });

  it('refuse a secret that is not hex and a negative slot', () => {
    expect(() => rotatingIdFor('xyz', 1)).toThrow(RangeError);
    expect(() => rotatingIdFor(secret, -1)).toThrow(RangeError);
  });
});
