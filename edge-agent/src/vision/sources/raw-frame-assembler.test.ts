import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawFrameAssembler } from './raw-frame-assembler.js';

describe('RawFrameAssembler', () => {
  it('property: any chunking of the stream yields the same whole frames, the rest held back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (frameBytes, stream, cuts) => {
          const assembler = new RawFrameAssembler(frameBytes);
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const frames: Uint8Array[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            frames.push(...assembler.push(stream.subarray(from, to)));
            from = to;
          }
          const whole = Math.floor(stream.length / frameBytes);
          expect(frames).toEqual(
            Array.from({ length: whole }, (_, i) => stream.slice(i * frameBytes, (i + 1) * frameBytes)),
          );
          expect(assembler.pendingBytes).toBe(stream.length - whole * frameBytes);
        },
      ),
    );
  });

  it('gives each frame its own buffer, so a kept frame is not overwritten', () => {
    const assembler = new RawFrameAssembler(2);
    const [a, b] = assembler.push(Uint8Array.of(1, 2, 3, 4));
    expect([...a!, ...b!]).toEqual([1, 2, 3, 4]);
    assembler.push(Uint8Array.of(9, 9));
    expect([...a!]).toEqual([1, 2]);
  });

  it('rejects a frame size that is not a positive integer', () => {
    expect(() => new RawFrameAssembler(0)).toThrow(RangeError);
  });
});
