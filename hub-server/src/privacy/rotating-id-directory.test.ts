import { ROTATION_SLOT_MS } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { nodeRotatingIdFor } from './node-rotating-id.js';
import { RotatingIdDirectory } from './rotating-id-directory.js';

const ALICE = { pid: 'pid-alice', appSecret: '0a'.repeat(16) };
const BOB = { pid: 'pid-bob', appSecret: '0b'.repeat(16) };
const T = Date.parse('2026-03-02T10:07:00Z');
const slot = Math.floor(T / ROTATION_SLOT_MS);
const id = (m: typeof ALICE, s = slot) => nodeRotatingIdFor(m.appSecret, s);

describe('RotatingIdDirectory', () => {
  const directory = new RotatingIdDirectory([ALICE, BOB], nodeRotatingIdFor);

  it('finds the member of an identifier in its slot or a neighbouring one (clock skew)', () => {
    expect(directory.memberOf(id(ALICE), T)).toBe('pid-alice');
    expect(directory.memberOf(id(BOB, slot + 1), T)).toBe('pid-bob');
    expect(directory.memberOf(id(BOB, slot - 1), T)).toBe('pid-bob');
    expect(directory.memberOf(id(BOB, slot + 2), T)).toBeUndefined();
    expect(directory.memberOf('0123456789abcdef', T)).toBeUndefined();
  });

  it('resolves a path across rotations, and leaves paths naming two members or none anonymous', () => {
    const later = T + ROTATION_SLOT_MS;
    const result = directory.resolve([
      { pathId: 'p-alice', rotatingId: id(ALICE), windowStart: T },
      { pathId: 'p-alice', rotatingId: id(ALICE, slot + 1), windowStart: later },
      { pathId: 'p-alice', rotatingId: 'ffffffffffffffff', windowStart: later },
      { pathId: 'p-mixed', rotatingId: id(ALICE), windowStart: T },
      { pathId: 'p-mixed', rotatingId: id(BOB), windowStart: T },
      { pathId: 'p-stranger', rotatingId: 'eeeeeeeeeeeeeeee', windowStart: T },
    ]);
    expect(result).toEqual({ resolved: new Map([['p-alice', 'pid-alice']]), conflicting: 1, unknown: 1 });
  });

  it('keeps a bounded number of slot tables', () => {
    const small = new RotatingIdDirectory([ALICE], nodeRotatingIdFor, { maxCachedSlots: 2 });
    for (let s = 0; s < 10; s++)
      expect(small.memberOf(id(ALICE, slot + s), (slot + s) * ROTATION_SLOT_MS)).toBe('pid-alice');
  });
});
