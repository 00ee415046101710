// The AnalyticsService the HTTP API calls, over the hub's repository and the pure analytics cores:
// reads a store's layout, catalogue, baskets and sessions once per version of its data (see
// snapshot-cache.ts), computes with the cores, and keeps results until the data changes, so the
// dashboard's repeated requests are answered from memory. Refuses input it cannot use with an
// AnalyticsInputError, which the API answers as a 400 naming the field.
import { type Validated, validate } from '@retail/contracts';
import {
  AnalyticsInputError,
  type AnalyticsService,
  type ExperimentsResult,
  type FlowsResult,
  type RecommendationsParams,
  type RecommendationsResult,
  type RulesParams,
  type RulesResult,
  type ScenarioProposal,
  type ScenarioResult,
  type TimeRange,
} from '../../http/analytics-port.js';
import { nodeRotatingIdFor } from '../../privacy/node-rotating-id.js';
import type { HubRepository } from '../../storage/repository.js';
import { type LayoutExperiment, layoutExperimentSchema } from '../experiments/layout-experiment.js';
import { experimentOf, storesOf } from './experiments.js';
import { flowsFromSessions, flowsFromTotals } from './flows.js';
import { PathResolver } from './path-resolver.js';
import { recommendationsOf } from './recommendations.js';
import { cutRules, mineBasketRules, skuNames } from './rules.js';
import { scenarioOf } from './scenario.js';
import { type Snapshot, SnapshotCache } from './snapshot-cache.js';
import { StoreData, sessionsIn } from './store-data.js';
import { zoneConversion } from './zone-conversion.js';

export interface AnalyticsServiceOptions {
  /** The hub's clock (cache checks, whether an experiment has started). */
  now?: () => number;
  /** How long a store's data version is trusted before it is asked again, ms (default 1000). */
  recheckMs?: number;
  /** Results kept per store and data version (default 64). */
  maxResultsPerStore?: number;
  /** Bootstrap resamples per experiment metric (default 2000). */
  resamples?: number;
  /** Minutes after a session's last zone exit in which its sale may fall (default 15). */
  graceMinutes?: number;
}

/** The port, every part implemented, plus registering an experiment from unvalidated input (CLI, tests). */
export interface HubAnalyticsService extends Required<AnalyticsService> {
  registerExperiment(input: unknown): Promise<Validated<LayoutExperiment>>;
}

export function createAnalyticsService(
  repo: HubRepository,
  o: AnalyticsServiceOptions = {},
): HubAnalyticsService {
  const now = o.now ?? Date.now;
  const paths = new PathResolver(repo, { rotatingIdFor: nodeRotatingIdFor, now });
  const cache = new SnapshotCache<StoreData>({
    // Paths resolved to members change the store's data, so they are resolved before it is fingerprinted.
    fingerprint: async (storeId) => {
      await paths.resolve(storeId);
      return repo.analytics.fingerprint(storeId);
    },
    create: (storeId) => new StoreData(storeId, repo),
    now,
    recheckMs: o.recheckMs ?? 1000,
    ...(o.maxResultsPerStore !== undefined && { maxResults: o.maxResultsPerStore }),
  });
  const inputs = async (s: Snapshot<StoreData>) => {
    const [layout, catalogue, transactions, sessions] = await Promise.all([
      s.data.layout(),
      s.data.catalogue(),
      s.data.transactions(),
      s.data.sessions(),
    ]);
    if (!layout)
      throw new AnalyticsInputError('storeId', `no layout has been imported for "${s.data.storeId}"`);
    return { layout, catalogue, transactions, sessions };
  };

  return {
    async rules(storeId: string, p: RulesParams): Promise<RulesResult> {
      const s = await cache.get(storeId);
      const mine = {
        level: p.level,
        minSupport: p.minSupport,
        minConfidence: p.minConfidence,
        from: p.from,
        to: p.to,
      };
      const mined = await s.memo(`rules:${JSON.stringify(mine)}`, async () =>
        mineBasketRules(await s.data.transactions(), await s.data.catalogue(), mine),
      );
      const cut = cutRules(mined, p);
      return p.level === 'sku' ? { ...cut, names: skuNames(cut.rules, await s.data.catalogue()) } : cut;
    },

    async recommendations(storeId: string, p: RecommendationsParams): Promise<RecommendationsResult> {
      const s = await cache.get(storeId);
      const key = { level: p.level, top: p.top, minLift: p.minLift };
      return s.memo(`recommendations:${JSON.stringify(key)}`, async () =>
        recommendationsOf(await inputs(s), p),
      );
    },

    async scenario(storeId: string, proposal: ScenarioProposal): Promise<ScenarioResult> {
      const s = await cache.get(storeId);
      return s.memo(`scenario:${JSON.stringify(proposal)}`, async () =>
        scenarioOf(await inputs(s), proposal),
      );
    },

    async experiments(storeId: string): Promise<ExperimentsResult> {
      const experiments = (await repo.analytics.experimentDocuments())
        .flatMap((doc) => {
          const v = validate(layoutExperimentSchema, doc);
          return v.ok ? [v.value] : [];
        })
        .filter((e) => storesOf(e).includes(storeId));
      const today = new Date(now()).toISOString().slice(0, 10);
      const own = await cache.get(storeId);
      const catalogue = await own.data.catalogue();
      const categoryOf = (sku: string) => catalogue.get(sku)?.category;
      const evaluated = await Promise.all(
        experiments.map(async (e) => {
          const snapshots = await Promise.all(storesOf(e).map((id) => cache.get(id)));
          const key = `experiment:${e.id}:${today}:${snapshots.map((x) => x.fingerprint).join(',')}`;
          return own.memo(key, async () => {
            const transactions = (await Promise.all(snapshots.map((x) => x.data.transactions()))).flat();
            return experimentOf(e, transactions, {
              today,
              ...(catalogue.size > 0 && { categoryOf }),
              ...(o.resamples !== undefined && { resamples: o.resamples }),
            });
          });
        }),
      );
      return { experiments: evaluated };
    },

    async flows(storeId: string, range: TimeRange): Promise<FlowsResult> {
      // Roll-ups grow with every window the gateways send: read them fresh, they are small.
      const totals = await repo.analytics.transitions(storeId, range.from, range.to);
      if (totals.some((t) => t.from !== t.to && t.count > 0)) {
        const entrances = await repo.queries.entrances(storeId, 'hour', range.from, range.to);
        return flowsFromTotals(
          totals,
          entrances.reduce((n, e) => n + Number(e.in), 0),
        );
      }
      const s = await cache.get(storeId);
      return s.memo(`flows:${range.from}:${range.to}`, async () =>
        flowsFromSessions(sessionsIn(await s.data.sessions(), range.from, range.to)),
      );
    },

    async zoneConversion(storeId: string, range: TimeRange): Promise<Record<string, number>> {
      const s = await cache.get(storeId);
      return s.memo(`conversion:${range.from}:${range.to}`, async () => {
        const layout = await s.data.layout();
        if (!layout) return {};
        const [catalogue, transactions, sessions] = await Promise.all([
          s.data.catalogue(),
          s.data.transactions(),
          s.data.sessions(),
        ]);
        return zoneConversion(
          { layout, catalogue, transactions, sessions: sessionsIn(sessions, range.from, range.to) },
          o.graceMinutes,
        );
      });
    },

    saveExperiment(experiment: LayoutExperiment): Promise<boolean> {
      return repo.analytics.saveExperiment(experiment.id, experiment, now());
    },

    async registerExperiment(input: unknown): Promise<Validated<LayoutExperiment>> {
      const v = validate(layoutExperimentSchema, input);
      if (!v.ok) return v;
      if (await repo.analytics.saveExperiment(v.value.id, v.value, now())) return v;
      return {
        ok: false,
        issues: [{ path: 'id', message: `experiment "${v.value.id}" is already registered` }],
      };
    },
  };
}
