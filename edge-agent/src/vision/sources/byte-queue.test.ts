import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue.js';

/** The reference: a plain array of the bytes the queue should hold. */
function naiveIndexOf(hay: number[], needle: Uint8Array, from: number): number {
  for (let i = Math.max(0, from); i + needle.length <= hay.length; i++) {
    if (needle.every((b, j) => hay[i + j] === b)) return i;
  }
  return -1;
}

describe('ByteQueue', () => {
  it('property: appends, skips and searches agree with a plain array, across growth and compaction', () => {
    const op = fc.oneof(
      fc.record({ append: fc.uint8Array({ maxLength: 40, max: 3 }) }),
      fc.record({ skip: fc.nat(50) }),
      fc.record({ find: fc.uint8Array({ minLength: 1, maxLength: 3, max: 3 }), from: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const q = new ByteQueue(8);
        let model: number[] = [];
        for (const o of ops) {
          if ('append' in o) {
            q.append(o.append);
            model.push(...o.append);
          } else if ('skip' in o) {
            q.skip(o.skip);
            model = model.slice(o.skip);
          } else {
            expect(q.indexOf(o.find, o.from)).toBe(naiveIndexOf(model, o.find, o.from));
            expect(q.indexOfByte(o.find[0]!, o.from)).toBe(model.indexOf(o.find[0]!, o.from));
          }
          expect(q.length).toBe(model.length);
          expect([...q.copy(0, q.length)]).toEqual(model);
        }
      }),
    );
  });

  it('reads header text as Latin-1 and answers undefined past the end', () => {
    const q = new ByteQueue(4);
    q.append(Uint8Array.of(0x41, 0xe9, 0x0a));
    expect(q.latin1(0, 2)).toBe('Aé');
    expect(q.at(2)).toBe(0x0a);
    expect(q.at(3)).toBeUndefined();
  });
});
