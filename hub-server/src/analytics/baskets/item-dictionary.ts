// Item names (SKUs or category names) to dense integer ids and back, so the miners work on
// sorted, de-duplicated Uint32Array baskets; and the SKU → category roll-up of baskets.
import { toItemSet } from './itemset.js';

export class ItemDictionary {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  /** Number of distinct items seen; ids are 0 .. size - 1, in order of first appearance. */
  get size(): number {
    return this.names.length;
  }

  /** The id of an item, assigning the next one if it is new. */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /** The id of a known item, or undefined. */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  nameOf(id: number): string {
    const name = this.names[id];
    if (name === undefined) throw new RangeError(`unknown item id ${id}`);
    return name;
  }

  /** A basket as sorted, de-duplicated ids, interning new items. */
  encode(basket: readonly string[]): Uint32Array {
    return toItemSet(basket.map((name) => this.intern(name)));
  }

  encodeAll(baskets: readonly (readonly string[])[]): Uint32Array[] {
    return baskets.map((basket) => this.encode(basket));
  }

  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => this.nameOf(id));
  }
}

export interface CategoryBaskets {
  /** One basket per input basket (possibly empty, so the basket count and supports stay true). */
  readonly baskets: string[][];
  /** SKU occurrences skipped because `categoryOf` did not know them. */
  readonly unknownSkuCount: number;
}

/**
 * Rolls SKU baskets up to a catalogue level: each SKU becomes its category, repeats collapse.
 * Baskets left empty are kept, since a basket that bought nothing we can classify still counts in N.
 */
export function toCategoryBaskets(
  baskets: readonly (readonly string[])[],
  categoryOf: (sku: string) => string | undefined,
): CategoryBaskets {
  let unknownSkuCount = 0;
  const out = baskets.map((basket) => {
    const categories = new Set<string>();
    for (const sku of basket) {
      const category = categoryOf(sku);
      if (category === undefined) unknownSkuCount++;
      else categories.add(category);
    }
    return [...categories];
  });
  return { baskets: out, unknownSkuCount };
}
