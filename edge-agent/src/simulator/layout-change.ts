// A planned layout change (a planogram move or a fixture moved), applied to the layout document and
// validated again, as the next layout version effective from the day's opening.
import { type Catalogue, type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import type { LayoutChange } from './scenario-schema.js';

/**
 * The changed layout. With a catalogue, each touched fixture's category list follows its SKUs: a moved
 * SKU's category is added where it went and dropped where nothing of it is left.
 */
export function applyLayoutChange(
  layout: StoreLayout,
  change: LayoutChange,
  effectiveFrom: string,
  catalogue?: Catalogue,
): StoreLayout {
  const fixtures = layout.fixtures.map((f) => ({ ...f, skus: [...f.skus], categories: [...f.categories] }));
  const byId = new Map(fixtures.map((f) => [f.id, f]));
  const find = (id: string, what: string) => {
    const f = byId.get(id);
    if (!f) throw new RangeError(`layoutChange: ${what} fixture "${id}" is not in the layout`);
    return f;
  };
  for (const move of change.moveSkus) {
    const from = find(move.from, 'from');
    const to = find(move.to, 'to');
    for (const sku of move.skus) {
      if (!from.skus.includes(sku))
        throw new RangeError(`layoutChange: ${sku} is not on fixture "${from.id}"`);
      from.skus = from.skus.filter((s) => s !== sku);
      if (!to.skus.includes(sku)) to.skus.push(sku);
      const category = catalogue?.bySku.get(sku)?.category;
      if (!category) continue;
      if (!to.categories.includes(category)) to.categories.push(category);
      if (!from.skus.some((s) => catalogue?.bySku.get(s)?.category === category)) {
        from.categories = from.categories.filter((c) => c !== category);
      }
    }
  }
  for (const move of change.moveFixtures) {
    const f = find(move.fixtureId, 'moved');
    f.polygon = move.polygon.map(([x, y]) => [x, y] as [number, number]);
    if (move.zoneId) f.zoneId = move.zoneId;
  }
  const next = { ...layout, layoutVersion: layout.layoutVersion + 1, effectiveFrom, fixtures };
  const checked = storeLayoutSchema.safeParse(next);
  if (!checked.success) {
    const first = checked.error.issues[0]!;
    throw new RangeError(`layoutChange makes an invalid layout: ${first.path.join('.')}: ${first.message}`);
  }
  return checked.data;
}
