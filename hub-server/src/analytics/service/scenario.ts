// A proposed layout change for the API: the store's observed sessions replayed against the changed
// fixtures (zone replay, see counterfactual/exposure-replay.ts for what that assumes), reporting the
// share of sessions passing each item before and after. Without a list of items, the items whose
// zones the change moves are reported: every other item's exposure cannot change.
import type { CatalogueItem, StoreLayout } from '@retail/contracts';
import {
  AnalyticsInputError,
  type ScenarioProposal,
  type ScenarioResult,
} from '../../http/analytics-port.js';
import { replayExposure } from '../counterfactual/exposure-replay.js';
import { applyLayoutChanges } from '../counterfactual/layout-changes.js';
import { type ShopperSession, visitedZones } from '../paths/sessions.js';
import { type PlacedFixture, Planogram } from '../planogram/planogram.js';

export interface ScenarioInput {
  layout: StoreLayout;
  sessions: readonly ShopperSession[];
  catalogue: ReadonlyMap<string, CatalogueItem>;
}

export function scenarioOf(input: ScenarioInput, proposal: ScenarioProposal): ScenarioResult {
  const { layout, catalogue } = input;
  const categoryOf = catalogue.size > 0 ? (sku: string) => catalogue.get(sku)?.category : undefined;
  const planOptions = { level: proposal.level, ...(categoryOf && { categoryOf }) };
  let after: PlacedFixture[];
  try {
    after = applyLayoutChanges(layout.fixtures, proposal.changes);
  } catch (err) {
    if (err instanceof RangeError) throw new AnalyticsInputError('changes', err.message);
    throw err;
  }
  const items = proposal.items ?? movedItems(layout.fixtures, after, planOptions);
  const replay = replayExposure(
    input.sessions.map((s) => ({ kind: 'zones' as const, zones: visitedZones(s) })),
    layout.fixtures,
    after,
    { ...planOptions, items },
  );
  // A category names itself; a SKU's name comes from the catalogue.
  const label = (item: string) => (proposal.level === 'sku' ? catalogue.get(item)?.name : undefined);
  return {
    sessions: replay.sessions,
    items: replay.items.map((r) => {
      const l = label(r.item);
      return {
        item: r.item,
        ...(l !== undefined && { label: l }),
        before: r.before,
        after: r.after,
        change: r.change,
      };
    }),
  };
}

/** Items placed in a different set of zones after the change than before, in placement order. */
function movedItems(
  before: readonly PlacedFixture[],
  after: readonly PlacedFixture[],
  options: ConstructorParameters<typeof Planogram>[1],
): string[] {
  const b = new Planogram(before, options);
  const a = new Planogram(after, options);
  const zones = (plan: Planogram, item: string) => [...plan.zonesOf(item)].sort().join('\u0000');
  return [...new Set([...b.items, ...a.items])].filter((item) => zones(b, item) !== zones(a, item));
}
