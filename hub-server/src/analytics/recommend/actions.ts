// The moves a merchandiser can make for one pair, as numbers and a sentence: a facing of B on a
// fixture beside A, or (when one fits) A's neighbour fixture and one of B's trading places, with the
// exposure the swap wins for B and costs the neighbour's goods, replayed on the observed paths.
import { replayExposure } from '../counterfactual/exposure-replay.js';
import { applyLayoutChanges } from '../counterfactual/layout-changes.js';
import type { Planogram } from '../planogram/planogram.js';
import { chooseSwap, chooseTargetFixture, type FixtureDistance } from './target-fixture.js';

export interface AddFacingAction {
  readonly kind: 'add-facing';
  readonly fixtureId: string;
  readonly fixtureKind: string;
  /** From A's fixture to the chosen one. */
  readonly distanceFromAnchorMetres: number;
  readonly sentence: string;
}

export interface SwapAction {
  readonly kind: 'swap-fixtures';
  /** [B's fixture, the fixture beside A]. */
  readonly fixtureIds: readonly [string, string];
  /** Share of all sessions passing B, before → after the swap. */
  readonly exposureOfB: { readonly before: number; readonly after: number };
  /** The neighbour's item that loses most exposure, if any loses. */
  readonly largestLoss?: { readonly item: string; readonly before: number; readonly after: number };
  readonly sentence: string;
}

export interface ActionContext {
  readonly planogram: Planogram;
  readonly distance: FixtureDistance;
  readonly blockedZones?: ReadonlySet<string>;
  readonly maxMetres: number;
  /** Zones of every observed session (anonymous included), for the swap replay. */
  readonly sessionZones: readonly ReadonlySet<string>[];
  readonly label: (item: string) => string;
}

export interface PairFacts {
  readonly a: string;
  readonly b: string;
  readonly anchorFixtureId: string;
  readonly distanceMetres: number;
  readonly coVisitRate: number | null;
  readonly extraPerWeek: number;
}

const KIND_NAME: Record<string, string> = { 'end-cap': 'end-cap', display: 'display' };

export function addFacingAction(ctx: ActionContext, p: PairFacts): AddFacingAction {
  const options = { maxMetres: ctx.maxMetres, ...(ctx.blockedZones && { blockedZones: ctx.blockedZones }) };
  const target = chooseTargetFixture(ctx.planogram, ctx.distance, p.anchorFixtureId, p.b, options);
  const fixture = target?.fixture ?? ctx.planogram.fixture(p.anchorFixtureId)!;
  const where = KIND_NAME[fixture.kind] ?? fixture.kind;
  const beside = fixture.id === p.anchorFixtureId ? 'on' : 'beside';
  // "only" where it is news: half of A's buyers or fewer pass B.
  const seen =
    p.coVisitRate === null
      ? 'no joined path shows how many'
      : `${p.coVisitRate <= 0.5 ? 'only ' : ''}${percent(p.coVisitRate)}`;
  return {
    kind: 'add-facing',
    fixtureId: fixture.id,
    fixtureKind: fixture.kind,
    distanceFromAnchorMetres: round(target?.distanceMetres ?? 0, 1),
    sentence:
      `Add ${ctx.label(p.b)} to ${where} ${fixture.id} ${beside} ${ctx.label(p.a)} (${p.anchorFixtureId}): ` +
      `today ${round(p.distanceMetres, 1)} m apart and ${seen} of its buyers pass ${ctx.label(p.b)}; ` +
      `expect about ${round(p.extraPerWeek, 1)} extra co-purchases a week.`,
  };
}

export function swapAction(ctx: ActionContext, p: PairFacts): SwapAction | undefined {
  const options = { maxMetres: ctx.maxMetres, ...(ctx.blockedZones && { blockedZones: ctx.blockedZones }) };
  const swap = chooseSwap(ctx.planogram, ctx.distance, p.anchorFixtureId, p.b, options);
  if (!swap) return undefined;
  const after = applyLayoutChanges(ctx.planogram.fixtures, [
    { kind: 'swap-fixtures', fixtureIds: [swap.from.id, swap.near.id] },
  ]);
  const neighbours = ctx.planogram.itemsOn(swap.near.id).filter((i) => i !== p.b);
  const replay = replayExposure(
    ctx.sessionZones.map((zones) => ({ kind: 'zones' as const, zones })),
    ctx.planogram.fixtures,
    after,
    {
      level: ctx.planogram.level,
      ...(ctx.planogram.categoryOf && { categoryOf: ctx.planogram.categoryOf }),
      items: [p.b, ...neighbours],
    },
  );
  const ofB = replay.items.find((r) => r.item === p.b)!;
  const loss = replay.items
    .filter((r) => r.item !== p.b && r.change < 0)
    .sort((x, y) => x.change - y.change || (x.item < y.item ? -1 : 1))[0];
  const lossText = loss
    ? `; ${ctx.label(loss.item)} drops from ${percent(loss.before)} to ${percent(loss.after)}`
    : '';
  return {
    kind: 'swap-fixtures',
    fixtureIds: [swap.from.id, swap.near.id],
    exposureOfB: { before: round(ofB.before, 4), after: round(ofB.after, 4) },
    ...(loss && {
      largestLoss: { item: loss.item, before: round(loss.before, 4), after: round(loss.after, 4) },
    }),
    sentence:
      `Or swap fixtures ${swap.from.id} and ${swap.near.id}: ${ctx.label(p.b)} would be passed by ` +
      `${percent(ofB.after)} of sessions instead of ${percent(ofB.before)}${lossText}.`,
  };
}

export function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
