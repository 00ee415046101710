import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameNumberOf, isFrameImage, orderFrames } from './frame-names.js';

describe('frameNumberOf', () => {
  it('takes the last run of digits of the file name', () => {
    expect(frameNumberOf('Walk1_000123.jpg')).toBe(123);
    expect(frameNumberOf('frame7.png')).toBe(7);
    expect(frameNumberOf('cam2-000010-left.JPEG')).toBe(10);
    expect(frameNumberOf('000000.jpg')).toBe(0);
    expect(frameNumberOf('seq/cam3/img00042.jpg')).toBe(42);
    expect(frameNumberOf('C:\\frames\\00017.Png')).toBe(17);
  });

  it('ignores digits in directories and gives nothing for non-images or names without digits', () => {
    expect(frameNumberOf('cam3/frame.jpg')).toBeUndefined();
    expect(frameNumberOf('000123.txt')).toBeUndefined();
    expect(frameNumberOf('000123.jpg.bak')).toBeUndefined();
    expect(frameNumberOf('gt.txt')).toBeUndefined();
    expect(frameNumberOf('.jpg')).toBeUndefined();
    expect(frameNumberOf(`${'9'.repeat(30)}.jpg`)).toBeUndefined();
  });

  it('accepts only jpg, jpeg and png, in any case', () => {
    expect(['a1.jpg', 'a1.JPG', 'a1.jpeg', 'a1.png', 'a1.PnG'].every(isFrameImage)).toBe(true);
    expect(['a1.gif', 'a1.bmp', 'a1.jpg~', 'a1', 'a1.webp'].some(isFrameImage)).toBe(false);
  });
});

describe('orderFrames', () => {
  it('sorts frames numerically, ignores non-images silently, reports unnumbered and duplicate frames', () => {
    const result = orderFrames([
      'frame_10.jpg',
      'frame_9.jpg',
      'seqinfo.ini',
      'cover.png',
      'frame_0002.jpg',
      'frame_2.png',
      'Thumbs.db',
      'frame_100.jpeg',
    ]);
    expect(result.frames).toEqual([
      { name: 'frame_0002.jpg', frame: 2 },
      { name: 'frame_9.jpg', frame: 9 },
      { name: 'frame_10.jpg', frame: 10 },
      { name: 'frame_100.jpeg', frame: 100 },
    ]);
    expect(result.issues).toEqual([
      {
        line: 0,
        field: 'cover.png',
        message: 'expected a frame number (digits) in the file name, like frame_000123.jpg, got none',
      },
      {
        line: 0,
        field: 'frame_2.png',
        message: 'expected a frame number used once, got 2 again (also in "frame_0002.jpg")',
      },
    ]);
  });

  it('reports a number too large to be a frame', () => {
    const name = `f${'1'.repeat(20)}.png`;
    expect(orderFrames([name]).issues).toEqual([
      { line: 0, field: name, message: 'expected a frame number up to 9007199254740991, got 20 digits' },
    ]);
  });

  it('does not depend on listing order, and never throws', () => {
    const name = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.string({ maxLength: 4 }), fc.nat(50), fc.constantFrom('.jpg', '.PNG', '.jpeg', '.txt'))
        .map(([prefix, n, ext]) => `${prefix}${n}${ext}`),
    );
    fc.assert(
      fc.property(fc.uniqueArray(name), fc.nat(), (names, seed) => {
        const shuffled = [...names].sort(
          (a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7),
        );
        const a = orderFrames(names);
        const b = orderFrames(shuffled);
        expect(b.frames).toEqual(a.frames);
        expect(new Set(b.issues.map((i) => i.field))).toEqual(new Set(a.issues.map((i) => i.field)));
        for (let i = 1; i < a.frames.length; i++)
          expect(a.frames[i]!.frame).toBeGreaterThan(a.frames[i - 1]!.frame);
      }),
    );
  });
});
