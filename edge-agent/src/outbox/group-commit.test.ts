import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('lets concurrent requests share one flush, and requests made during a flush share the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gc = new GroupCommit<number, string>({
      flush: async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((i) => `done ${i}`);
      },
    });
    const first = [1, 2, 3].map((i) => gc.submit(i));
    while (batches.length === 0) await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((i) => gc.submit(i));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([1, 2, 3, 4, 5].map((i) => `done ${i}`));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('fails only the batch whose flush failed', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>({
      flush: async (items) => {
        if (++calls === 1) throw new Error('disk full');
        return items;
      },
    });
    const failed = [gc.submit(1), gc.submit(2)];
    await expect(Promise.all(failed)).rejects.toThrow('disk full');
    await expect(failed[1]).rejects.toThrow('disk full');
    expect(await gc.submit(3)).toBe(3);
  });

  it('drain() cuts a linger short', async () => {
    const gc = new GroupCommit<number, number>({ flush: async (items) => items, lingerMs: 60_000 });
    const p = gc.submit(7);
    await gc.drain();
    expect(await p).toBe(7);
  });
});
