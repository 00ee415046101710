// Where each item sits: item (SKU or category) → fixtures → zones, from the layout's fixtures. Paths,
// recommendations and counterfactuals all ask "which zone holds B?" through this one index.
import type { Fixture } from '@retail/contracts';

export type ItemLevel = 'sku' | 'category';

/** The parts of a layout fixture the analytics read. */
export type PlacedFixture = Pick<Fixture, 'id' | 'kind' | 'zoneId' | 'polygon' | 'skus' | 'categories'>;

export interface PlanogramOptions {
  level: ItemLevel;
  /** SKU → category, so a fixture's SKUs also place their categories (category level only). */
  categoryOf?: (sku: string) => string | undefined;
}

const none: readonly string[] = [];

export class Planogram {
  readonly level: ItemLevel;
  readonly categoryOf: ((sku: string) => string | undefined) | undefined;
  private readonly byId = new Map<string, PlacedFixture>();
  private readonly fixturesByItem = new Map<string, string[]>();
  private readonly zonesByItem = new Map<string, string[]>();
  private readonly itemsByFixture = new Map<string, string[]>();

  constructor(fixtures: readonly PlacedFixture[], options: PlanogramOptions) {
    this.level = options.level;
    this.categoryOf = options.categoryOf;
    for (const fixture of fixtures) {
      this.byId.set(fixture.id, fixture);
      const items = itemsOf(fixture, options);
      this.itemsByFixture.set(fixture.id, items);
      for (const item of items) {
        pushOnce(this.fixturesByItem, item, fixture.id);
        pushOnce(this.zonesByItem, item, fixture.zoneId);
      }
    }
  }

  /** Fixture ids holding the item, in layout order; empty when the planogram does not place it. */
  fixturesOf(item: string): readonly string[] {
    return this.fixturesByItem.get(item) ?? none;
  }

  /** Zone ids of those fixtures, without repeats. */
  zonesOf(item: string): readonly string[] {
    return this.zonesByItem.get(item) ?? none;
  }

  /** Items on a fixture at this planogram's level. */
  itemsOn(fixtureId: string): readonly string[] {
    return this.itemsByFixture.get(fixtureId) ?? none;
  }

  /** The same level and catalogue over other fixtures (a proposed layout). */
  withFixtures(fixtures: readonly PlacedFixture[]): Planogram {
    return new Planogram(fixtures, {
      level: this.level,
      ...(this.categoryOf && { categoryOf: this.categoryOf }),
    });
  }

  fixture(id: string): PlacedFixture | undefined {
    return this.byId.get(id);
  }

  get fixtures(): readonly PlacedFixture[] {
    return [...this.byId.values()];
  }

  /** Every placed item, in order of first placement. */
  get items(): readonly string[] {
    return [...this.fixturesByItem.keys()];
  }
}

function itemsOf(fixture: PlacedFixture, options: PlanogramOptions): string[] {
  if (options.level === 'sku') return [...new Set(fixture.skus)];
  const categories = new Set(fixture.categories);
  if (options.categoryOf) {
    for (const sku of fixture.skus) {
      const category = options.categoryOf(sku);
      if (category !== undefined) categories.add(category);
    }
  }
  return [...categories];
}

function pushOnce(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
