// Baskets from POS line items: the SKUs of each (store, transaction), or their categories through
// the catalogue. Bad rows are reported, not thrown; SKUs missing from the catalogue are counted.
import type { CatalogueItem, ParseIssue, PosLineItem, RowResult } from '@retail/contracts';

export interface BasketsFromPos {
  baskets: string[][];
  rows: number;
  issues: ParseIssue[];
  /** Line items whose SKU the catalogue does not know (category level only); their basket keeps the rest. */
  unknownSkus: number;
}

export interface BasketOptions {
  level: 'sku' | 'category' | 'subcategory';
  catalogue?: ReadonlyMap<string, CatalogueItem>;
  maxIssues?: number;
}

export async function basketsFromPos(
  rows: AsyncIterable<RowResult<PosLineItem>>,
  o: BasketOptions,
): Promise<BasketsFromPos> {
  if (o.level !== 'sku' && !o.catalogue) throw new Error(`--level ${o.level} needs a catalogue`);
  const baskets = new Map<string, Set<string>>();
  const out: BasketsFromPos = { baskets: [], rows: 0, issues: [], unknownSkus: 0 };
  for await (const r of rows) {
    if (!r.ok) {
      if (out.issues.length < (o.maxIssues ?? 100)) out.issues.push(r.issue);
      continue;
    }
    out.rows++;
    const key = `${r.value.storeId ?? ''}\u0000${r.value.transactionId}`;
    const basket = baskets.get(key) ?? new Set<string>();
    baskets.set(key, basket);
    const item = itemOf(r.value.sku, o);
    if (item === undefined) out.unknownSkus++;
    else basket.add(item);
  }
  out.baskets = [...baskets.values()].map((b) => [...b]);
  return out;
}

function itemOf(sku: string, o: BasketOptions): string | undefined {
  if (o.level === 'sku') return sku;
  const c = o.catalogue!.get(sku);
  if (!c) return undefined;
  return o.level === 'subcategory' && c.subcategory ? `${c.category} › ${c.subcategory}` : c.category;
}
