// A transaction's goods at the analysis level: its SKUs, or their catalogue categories.
import type { CatalogueItem } from '@retail/contracts';
import { skusOf, type Transaction } from '../join/transactions.js';
import type { ItemLevel } from '../planogram/planogram.js';

export interface LevelItems {
  /** The transaction's items at the level (SKUs, or categories without repeats). */
  items: (t: Transaction) => string[];
  /** SKU → category, when a catalogue was given. */
  categoryOf?: (sku: string) => string | undefined;
  /** SKU occurrences the catalogue did not know (category level), counted as items() runs. */
  unknownSkus: () => number;
}

export function levelItems(level: ItemLevel, catalogue?: ReadonlyMap<string, CatalogueItem>): LevelItems {
  if (level === 'category' && !catalogue) throw new Error('category level needs a catalogue');
  const categoryOf = catalogue && ((sku: string) => catalogue.get(sku)?.category);
  let unknown = 0;
  return {
    items(t) {
      if (level === 'sku') return skusOf(t);
      const out = new Set<string>();
      for (const sku of t.units.keys()) {
        const c = categoryOf!(sku);
        if (c === undefined) unknown++;
        else out.add(c);
      }
      return [...out];
    },
    ...(categoryOf && { categoryOf }),
    unknownSkus: () => unknown,
  };
}
