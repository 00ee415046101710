// Proposed layout edits applied to a copy of the fixtures: a fixture moved (to another zone, and
// optionally a new outline), two fixtures trading places, or an item moved to (or added on) a fixture.
import type { PlacedFixture } from '../planogram/planogram.js';

export type LayoutChange =
  | {
      kind: 'move-fixture';
      fixtureId: string;
      toZoneId: string;
      /** The new outline; needed for trajectory replay, ignored by zone replay. */
      polygon?: PlacedFixture['polygon'];
    }
  /** The fixtures exchange zone and outline; each keeps its goods. */
  | { kind: 'swap-fixtures'; fixtureIds: readonly [string, string] }
  /**
   * The SKU (or category) goes onto `toFixtureId`; it leaves `fromFixtureId`, or every other fixture
   * when that is omitted, unless `keep` is set (a second facing).
   */
  | {
      kind: 'move-sku' | 'move-category';
      item: string;
      toFixtureId: string;
      fromFixtureId?: string;
      keep?: boolean;
    };

/** The fixtures after the changes, in order; the input is not modified. Throws on an unknown fixture. */
export function applyLayoutChanges(
  fixtures: readonly PlacedFixture[],
  changes: readonly LayoutChange[],
): PlacedFixture[] {
  const out = fixtures.map((f) => ({ ...f, skus: [...f.skus], categories: [...f.categories] }));
  const find = (id: string) => {
    const f = out.find((x) => x.id === id);
    if (!f) throw new RangeError(`layout change names unknown fixture "${id}"`);
    return f;
  };
  for (const change of changes) {
    if (change.kind === 'move-fixture') {
      const f = find(change.fixtureId);
      f.zoneId = change.toZoneId;
      if (change.polygon) f.polygon = change.polygon;
    } else if (change.kind === 'swap-fixtures') {
      const a = find(change.fixtureIds[0]);
      const b = find(change.fixtureIds[1]);
      [a.zoneId, b.zoneId] = [b.zoneId, a.zoneId];
      [a.polygon, b.polygon] = [b.polygon, a.polygon];
    } else {
      const list = change.kind === 'move-sku' ? 'skus' : 'categories';
      const to = find(change.toFixtureId);
      if (change.fromFixtureId !== undefined) find(change.fromFixtureId);
      if (!change.keep) {
        for (const f of out) {
          if (f === to || (change.fromFixtureId !== undefined && f.id !== change.fromFixtureId)) continue;
          f[list] = f[list].filter((x) => x !== change.item);
        }
      }
      if (!to[list].includes(change.item)) to[list].push(change.item);
    }
  }
  return out;
}
