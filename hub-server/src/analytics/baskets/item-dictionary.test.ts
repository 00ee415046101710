import { describe, expect, it } from 'vitest';
import { ItemDictionary, toCategoryBaskets } from './item-dictionary.js';

describe('ItemDictionary', () => {
  it('gives dense ids in order of first appearance and sorted, de-duplicated baskets', () => {
    const dict = new ItemDictionary();
    expect(dict.encode(['milk', 'bread', 'milk'])).toEqual(Uint32Array.of(0, 1));
    expect(dict.encode(['eggs', 'bread'])).toEqual(Uint32Array.of(1, 2));
    expect(dict.size).toBe(3);
    expect(dict.idOf('eggs')).toBe(2);
    expect(dict.idOf('tea')).toBeUndefined();
    expect(dict.decode(Uint32Array.of(0, 2))).toEqual(['milk', 'eggs']);
    expect(() => dict.nameOf(7)).toThrow(RangeError);
  });
});

describe('toCategoryBaskets', () => {
  it('rolls SKUs up to categories, collapsing repeats and counting unknown SKUs', () => {
    const catalogue = new Map([
      ['sku-1', 'dairy'],
      ['sku-2', 'dairy'],
      ['sku-3', 'bakery'],
    ]);
    const result = toCategoryBaskets(
      [['sku-1', 'sku-2', 'sku-3'], ['sku-9'], ['sku-3', 'sku-8', 'sku-3']],
      (sku) => catalogue.get(sku),
    );
    expect(result.baskets).toEqual([['dairy', 'bakery'], [], ['bakery']]);
    expect(result.unknownSkuCount).toBe(2);
  });
});
