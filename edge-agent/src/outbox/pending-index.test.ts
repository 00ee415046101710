import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseVictim } from './drop-policy.js';
import { type IndexEntry, PendingIndex } from './pending-index.js';

const kinds = ['a', 'b', 'c'] as const;
type Op = { op: 'add'; seq: number; kind: string } | { op: 'remove'; seq: number };
const ops = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constant('add' as const),
      seq: fc.nat({ max: 300 }),
      kind: fc.constantFrom(...kinds),
    }),
    fc.record({ op: fc.constant('remove' as const), seq: fc.nat({ max: 300 }) }),
  ),
  { maxLength: 3000 },
);

describe('PendingIndex', () => {
  it('behaves like a sorted list, overall and per kind, whatever the order of adds and removes', () => {
    fc.assert(
      fc.property(ops, (list: Op[]) => {
        const index = new PendingIndex<IndexEntry>();
        const model = new Map<number, IndexEntry>();
        for (const o of list) {
          if (o.op === 'add') {
            if (model.has(o.seq)) continue;
            const e = { seq: o.seq, kind: o.kind, bytes: o.seq + 1 };
            index.add(e);
            model.set(o.seq, e);
          } else {
            expect(index.remove(o.seq)).toBe(model.get(o.seq));
            model.delete(o.seq);
          }
          const sorted = [...model.values()].sort((x, y) => x.seq - y.seq);
          expect(index.oldest()?.seq).toBe(sorted[0]?.seq);
          expect(index.newest()?.seq).toBe(sorted.at(-1)?.seq);
          for (const k of kinds) {
            const ofKind = sorted.filter((e) => e.kind === k);
            expect(index.oldest(k)?.seq).toBe(ofKind[0]?.seq);
            expect(index.newest(k)?.seq).toBe(ofKind.at(-1)?.seq);
          }
        }
        const sorted = [...model.values()].sort((x, y) => x.seq - y.seq);
        expect([...index.after()].map((e) => e.seq)).toEqual(sorted.map((e) => e.seq));
        expect([...index.after(150)].map((e) => e.seq)).toEqual(
          sorted.filter((e) => e.seq > 150).map((e) => e.seq),
        );
        expect(index.size).toBe(model.size);
        expect(index.bytes).toBe(sorted.reduce((n, e) => n + e.bytes, 0));
      }),
      { numRuns: 60 },
    );
  });

  it('stays exact through the sweeps of many removals (acks from the head, drops from the middle)', () => {
    const index = new PendingIndex<IndexEntry>();
    for (let seq = 0; seq < 20_000; seq++) index.add({ seq, kind: seq % 3 === 0 ? 'a' : 'b', bytes: 1 });
    for (let seq = 0; seq < 9_000; seq++) index.remove(seq);
    for (let seq = 9_000; seq < 20_000; seq += 2) index.remove(seq);
    for (let seq = 25_000; seq > 20_000; seq -= 7) index.add({ seq, kind: 'a', bytes: 1 });
    const expected = [
      ...Array.from({ length: 5_500 }, (_, i) => 9_001 + 2 * i),
      ...Array.from({ length: 715 }, (_, i) => 25_000 - 7 * (714 - i)),
    ];
    expect([...index.after()].map((e) => e.seq)).toEqual(expected);
    expect(index.size).toBe(expected.length);
    expect(index.oldest('a')?.seq).toBe(expected.find((s) => s % 3 === 0 || s > 20_000));
    expect(index.newest('b')?.seq).toBe(19_999);
    expect(index.newest()?.seq).toBe(25_000);
  });

  it('iterates safely while entries are removed and added', () => {
    const index = new PendingIndex<IndexEntry>();
    for (let seq = 0; seq < 10; seq++) index.add({ seq, kind: 'a', bytes: 1 });
    const seen: number[] = [];
    for (const e of index.after()) {
      seen.push(e.seq);
      if (e.seq === 2) {
        index.remove(3);
        index.add({ seq: 20, kind: 'b', bytes: 1 });
      }
    }
    expect(seen).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 20]);
  });
});

describe('chooseVictim', () => {
  const fill = (entries: [number, string][]) => {
    const index = new PendingIndex<IndexEntry>();
    for (const [seq, kind] of entries) index.add({ seq, kind, bytes: 1 });
    return index;
  };
  const entries: [number, string][] = [
    [1, 'counts'],
    [2, 'metrics'],
    [3, 'reply'],
    [4, 'metrics'],
    [5, 'zones'],
    [6, 'reply'],
  ];

  it('takes the first listed kind that waits, oldest or newest within it', () => {
    const index = fill(entries);
    expect(chooseVictim(index, { order: 'oldest-first', kindPriority: ['metrics', 'zones'] })?.seq).toBe(2);
    expect(chooseVictim(index, { order: 'newest-first', kindPriority: ['metrics', 'zones'] })?.seq).toBe(4);
    expect(chooseVictim(index, { order: 'oldest-first', kindPriority: ['heatmap', 'zones'] })?.seq).toBe(5);
  });

  it('treats unlisted kinds as one group that goes last', () => {
    const index = fill(entries);
    expect(chooseVictim(index, { order: 'oldest-first', kindPriority: ['heatmap'] })?.seq).toBe(1);
    expect(chooseVictim(index, { order: 'newest-first', kindPriority: ['heatmap'] })?.seq).toBe(6);
    expect(chooseVictim(new PendingIndex(), { order: 'oldest-first', kindPriority: [] })).toBeUndefined();
  });
});
