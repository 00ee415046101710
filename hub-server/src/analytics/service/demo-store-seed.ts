// TEST AND DEMO SUPPORT: fills a hub repository with the demo supermarket (fixtures/stores/
// demo-supermarket: layout and catalogue) and seeded shoppers from reports/simulated-store.ts, whose
// baskets and zone visits go in as a POS CSV and a visits CSV through the same parsers and imports as
// real files. Loyalty numbers look like real ones (16 digits) so privacy checks can look for them.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  collect,
  parseCatalogueCsv,
  parsePosCsv,
  parseVisitsCsv,
  type StoreLayout,
  storeLayoutSchema,
} from '@retail/contracts';
import { importVisits, type VisitImportSummary } from '../../commands/import.js';
import { type ImportSummary, importTransactions } from '../../imports/import-transactions.js';
import type { Pseudonymize } from '../../privacy/pseudonym.js';
import type { HubRepository } from '../../storage/repository.js';
import { simulateDemoStore } from '../reports/simulated-store.js';

/** The fixture folder, from src/ (tests) or from dist/src/ (scripts on the build). */
const DEMO = ['../../../../', '../../../../../']
  .map((up) => new URL(`${up}fixtures/stores/demo-supermarket/`, import.meta.url))
  .find((u) => existsSync(u))!;

export async function demoStoreLayout(storeId = 'demo-supermarket'): Promise<StoreLayout> {
  const json = JSON.parse(await readFile(new URL('layout.json', DEMO), 'utf8')) as Record<string, unknown>;
  return storeLayoutSchema.parse({ ...json, storeId });
}

/** The simulator's member `m17` as a 16-digit loyalty number. */
export function loyaltyNumber(member: string): string {
  return `6345${member.slice(1).padStart(12, '0')}`;
}

export interface DemoCsv {
  pos: string;
  visits: string;
  sessions: number;
}

export interface DemoCsvOptions {
  seed: number;
  sessions: number;
  /** Move the four simulated weeks to start on this UTC day (epoch ms); the simulator's own otherwise. */
  firstDay?: number;
}

export function demoStoreCsv(layout: StoreLayout, o: DemoCsvOptions): DemoCsv {
  const sim = simulateDemoStore(layout, { seed: o.seed, sessions: o.sessions });
  const day = 86_400_000;
  const simFirstDay = Math.floor(Math.min(...sim.visits.map((v) => v.enterTs)) / day) * day;
  const shift = o.firstDay === undefined ? 0 : o.firstDay - simFirstDay;
  const iso = (ms: number) => new Date(ms + shift).toISOString();
  const pos = [
    'transaction_id,sku,loyalty_id,timestamp,quantity',
    ...sim.lines.map(
      (l) =>
        `${l.transactionId},${l.sku},${l.loyaltyId ? loyaltyNumber(l.loyaltyId) : ''},${iso(l.timestamp!)},${l.quantity}`,
    ),
  ];
  const visits = [
    'session_id,loyalty_id,zone_id,enter_ts,exit_ts',
    ...sim.visits.map(
      (v) =>
        `${v.sessionId},${v.loyaltyId ? loyaltyNumber(v.loyaltyId) : ''},${v.zoneId},${iso(v.enterTs)},${iso(v.exitTs)}`,
    ),
  ];
  return { pos: `${pos.join('\n')}\n`, visits: `${visits.join('\n')}\n`, sessions: o.sessions };
}

/** Sessions seeded by default: four weeks of a small store. Fewer (1200, mostly two-item baskets)
 * leave too few paint-and-brush baskets for the recommender's significance bar at category level. */
export const DEMO_SESSIONS = 3000;

export interface SeedOptions {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  now: () => number;
  storeId?: string;
  seed?: number;
  sessions?: number;
  /** See DemoCsvOptions. */
  firstDay?: number;
  /** Also save the layout and import the catalogue (default true). */
  reference?: boolean;
}

export async function seedDemoStore(
  o: SeedOptions,
): Promise<{ layout: StoreLayout; csv: DemoCsv; pos: ImportSummary; visits: VisitImportSummary }> {
  const layout = await demoStoreLayout(o.storeId);
  if (o.reference !== false) {
    await o.repo.reference.saveLayout(layout, o.now());
    const catalogue = await collect(
      parseCatalogueCsv([await readFile(new URL('catalogue.csv', DEMO), 'utf8')]),
    );
    await o.repo.reference.upsertCatalogue(catalogue.rows, o.now());
  }
  const csv = demoStoreCsv(layout, {
    seed: o.seed ?? 1,
    sessions: o.sessions ?? DEMO_SESSIONS,
    ...(o.firstDay !== undefined && { firstDay: o.firstDay }),
  });
  const common = { repo: o.repo, pseudonymize: o.pseudonymize, now: o.now };
  const pos = await importTransactions(parsePosCsv([csv.pos]), { ...common, defaultStoreId: layout.storeId });
  const visits = await importVisits(parseVisitsCsv([csv.visits]), { ...common, storeId: layout.storeId });
  return { layout, csv, pos, visits };
}
