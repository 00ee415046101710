import { describe, expect, it } from 'vitest';
import { seededRandom } from './aggregation-test-kit.js';
import { isPublishableRotatingId, PathBuilder, randomHexId } from './path-builder.js';

const ID1 = '0a1b2c3d4e5f6a7b';
const ID2 = 'f0e1d2c3b4a59687';

describe('isPublishableRotatingId', () => {
  it('accepts 16 lower-case hex and refuses anything else, or a card-number look-alike', () => {
    expect(isPublishableRotatingId(ID1)).toBe(true);
    expect(isPublishableRotatingId('0A1B2C3D4E5F6A7B')).toBe(false);
    expect(isPublishableRotatingId('a4:5e:60:f1:00:01')).toBe(false);
    expect(isPublishableRotatingId('4000123412341234')).toBe(false);
    expect(isPublishableRotatingId('ab40001234123412')).toBe(false);
    expect(isPublishableRotatingId(42)).toBe(false);
  });
});

describe('randomHexId', () => {
  it('draws 16 hex digits and redraws one that looks like a card number', () => {
    expect(randomHexId(seededRandom(3))).toMatch(/^[0-9a-f]{16}$/);
    let n = 0;
    const digitsFirst = () => (n++ < 16 ? 0.1 : 0.99); // '1111111111111111', then 'ffff…'
    expect(randomHexId(digitsFirst)).toBe('ffffffffffffffff');
  });
});

describe('PathBuilder', () => {
  it('builds a path with visits under a path id that stays the same across windows', () => {
    const paths = new PathBuilder({ random: seededRandom(1) });
    expect(paths.observe('t1', [ID1, 'a4:5e:60:f1:00:01'])).toBe(1);
    paths.visitClosed('t1', { zoneId: 'produce', enterTs: 1000, exitTs: 8000.4 });
    const w1 = paths.flush();
    expect(w1.paths).toEqual([
      {
        pathId: expect.stringMatching(/^[0-9a-f]{16}$/),
        rotatingIds: [ID1],
        visits: [{ zoneId: 'produce', enterTs: 1000, exitTs: 8001 }],
        closed: false,
      },
    ]);

    paths.observe('t1', undefined); // seen without ids: the last id still links the window
    paths.visitClosed('t1', { zoneId: 'bakery', enterTs: 9000, exitTs: 20_000 });
    paths.observe('t1', [ID2]);
    paths.end('t1');
    const w2 = paths.flush();
    expect(w2.paths).toEqual([
      {
        pathId: w1.paths[0]!.pathId,
        rotatingIds: [ID2],
        visits: [{ zoneId: 'bakery', enterTs: 9000, exitTs: 20_000 }],
        closed: true,
      },
    ]);
    expect(paths.flush().paths).toEqual([]);
  });

  it('keeps no path for tracks without ids, or for discarded (staff) tracks', () => {
    const paths = new PathBuilder({ random: seededRandom(1) });
    paths.observe('anon', undefined);
    paths.visitClosed('anon', { zoneId: 'produce', enterTs: 1, exitTs: 2 });
    paths.observe('staff', [ID1]);
    paths.discard('staff');
    paths.end('staff');
    expect(paths.flush().paths).toEqual([]);
  });

  it('does not publish a live path in a window where it was not seen', () => {
    const paths = new PathBuilder({ random: seededRandom(1) });
    paths.observe('t1', [ID1]);
    expect(paths.flush().paths).toHaveLength(1);
    expect(paths.flush().paths).toHaveLength(0);
  });
});
