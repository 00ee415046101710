// The product catalogue: SKU → name, category hierarchy (category › subcategory) and optional margin.
import { z } from 'zod';

export const catalogueItemSchema = z.strictObject({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  category: z.string().min(1).max(120),
  subcategory: z.string().min(1).max(120).optional(),
  /** Gross margin as a fraction of price, 0..1. */
  margin: z.number().min(0).max(1).optional(),
});
export type CatalogueItem = z.output<typeof catalogueItemSchema>;

export interface Catalogue {
  bySku: ReadonlyMap<string, CatalogueItem>;
  /** category → its subcategories (empty set when it has none). */
  categories: ReadonlyMap<string, ReadonlySet<string>>;
}

export function buildCatalogue(items: Iterable<CatalogueItem>): Catalogue {
  const bySku = new Map<string, CatalogueItem>();
  const categories = new Map<string, Set<string>>();
  for (const item of items) {
    bySku.set(item.sku, item);
    const subs = categories.get(item.category) ?? new Set<string>();
    categories.set(item.category, subs);
    if (item.subcategory) subs.add(item.subcategory);
  }
  return { bySku, categories };
}

/** The item's position in the hierarchy at a given level, for mining baskets by category. */
export function categoryKey(item: CatalogueItem, level: 'category' | 'subcategory'): string {
  return level === 'subcategory' && item.subcategory
    ? `${item.category} › ${item.subcategory}`
    : item.category;
}
