import { describe, expect, it } from 'vitest';
import { IdIssuer } from './id-issuer.js';

describe('IdIssuer', () => {
  it('skips ids it has handed out', () => {
    const draws = ['a', 'a', 'b', 'a', 'b', 'c'];
    const ids = new IdIssuer(() => draws.shift()!);
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['a', 'b', 'c']);
  });

  it('fails loudly on a source that keeps repeating', () => {
    const ids = new IdIssuer(() => 'same');
    ids.next();
    expect(() => ids.next()).toThrow(/randomId/);
  });

  it('remembers only the most recent ids', () => {
    const draws = ['a', 'b', 'c', 'a'];
    const ids = new IdIssuer(() => draws.shift()!, 2);
    expect([ids.next(), ids.next(), ids.next(), ids.next()]).toEqual(['a', 'b', 'c', 'a']);
  });
});
