// The per-store cache with a hand-written fingerprint and a clock the test moves.
import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.js';

function setup(recheckMs = 1000, maxResults = 64) {
  let now = 0;
  const versions = new Map<string, number>();
  const asked: string[] = [];
  let created = 0;
  const cache = new SnapshotCache<{ n: number }>({
    fingerprint: async (storeId) => {
      asked.push(storeId);
      return String(versions.get(storeId) ?? 0);
    },
    create: () => ({ n: ++created }),
    now: () => now,
    recheckMs,
    maxResults,
  });
  return {
    cache,
    asked,
    bump: (storeId: string) => versions.set(storeId, (versions.get(storeId) ?? 0) + 1),
    tick: (ms: number) => {
      now += ms;
    },
  };
}

describe('SnapshotCache', () => {
  it('asks the fingerprint at most once per recheck interval, and keeps a snapshot while it holds', async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.cache.get('s1'), t.cache.get('s1')]);
    expect(a).toBe(b);
    expect(t.asked).toEqual(['s1']);
    t.tick(999);
    expect(await t.cache.get('s1')).toBe(a);
    expect(t.asked).toHaveLength(1);
    t.tick(1);
    expect(await t.cache.get('s1')).toBe(a);
    expect(t.asked).toHaveLength(2);
  });

  it('starts a new snapshot, with nothing memoised, when the store’s data changed', async () => {
    const t = setup(0);
    const first = await t.cache.get('s1');
    expect(await first.memo('k', async () => 'old')).toBe('old');
    t.bump('s2');
    expect(await t.cache.get('s1')).toBe(first);
    t.bump('s1');
    const second = await t.cache.get('s1');
    expect(second).not.toBe(first);
    expect(second.data.n).toBe(2);
    expect(await second.memo('k', async () => 'new')).toBe('new');
  });

  it('memoises by key, forgets failures, and evicts the least recently used result', async () => {
    const t = setup(0, 2);
    const s = await t.cache.get('s1');
    let runs = 0;
    const compute = (v: string) => async () => {
      runs++;
      return v;
    };
    await s.memo('a', compute('a'));
    await s.memo('b', compute('b'));
    await s.memo('a', compute('a')); // a is now the most recent
    await s.memo('c', compute('c')); // evicts b
    expect(runs).toBe(3);
    await s.memo('a', compute('a'));
    expect(runs).toBe(3);
    await s.memo('b', compute('b'));
    expect(runs).toBe(4);

    await expect(s.memo('x', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await s.memo('x', compute('x'))).toBe('x');
  });
});
