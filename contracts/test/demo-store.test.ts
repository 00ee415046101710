// The demo supermarket fixture (fixtures/scripts/generate-demo-store.mjs) is a valid layout whose
// planogram only names categories and SKUs that its catalogue has.
import { createReadStream, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  type Catalogue,
  collect,
  formatIssue,
  formatPath,
  parseCatalogueCsv,
  type StoreLayout,
  storeLayoutSchema,
} from '../src/index.js';

const STORE = new URL('../../fixtures/stores/demo-supermarket/', import.meta.url);

let layout: StoreLayout;
let catalogue: Catalogue;

beforeAll(async () => {
  const parsed = storeLayoutSchema.safeParse(JSON.parse(readFileSync(new URL('layout.json', STORE), 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new Error(`demo layout is invalid:\n${issues.join('\n')}`);
  }
  layout = parsed.data;
  const { rows, issues } = await collect(
    parseCatalogueCsv(createReadStream(new URL('catalogue.csv', STORE))),
  );
  expect(issues.map(formatIssue)).toEqual([]);
  catalogue = buildCatalogue(rows);
});

describe('demo supermarket fixture', () => {
  it('validates against the layout schema', () => {
    expect(layout.storeId).toBe('demo-supermarket');
    expect(layout.timezone).toBe('Europe/London');
  });

  it('has the expected amount of store', () => {
    expect(layout.zones.length).toBeGreaterThanOrEqual(10);
    expect(layout.fixtures.length).toBeGreaterThanOrEqual(35);
    expect(layout.entrances).toHaveLength(2);
    expect(layout.cameras).toHaveLength(4);
    expect(layout.scanners).toHaveLength(8);
    expect(layout.gateways).toHaveLength(2);
    expect(catalogue.bySku.size).toBeGreaterThanOrEqual(100);
  });

  it('lists only catalogue categories and SKUs on its fixtures', () => {
    const unknownCategories = layout.fixtures.flatMap((f) =>
      f.categories.filter((c) => !catalogue.categories.has(c)).map((c) => `${f.id}: ${c}`),
    );
    const unknownSkus = layout.fixtures.flatMap((f) =>
      f.skus.filter((s) => !catalogue.bySku.has(s)).map((s) => `${f.id}: ${s}`),
    );
    expect(unknownCategories).toEqual([]);
    expect(unknownSkus).toEqual([]);
  });

  it('puts each SKU on a fixture that carries its category', () => {
    const misplaced = layout.fixtures.flatMap((f) =>
      f.skus
        .filter((s) => !f.categories.includes(catalogue.bySku.get(s)?.category ?? ''))
        .map((s) => `${f.id}: ${s}`),
    );
    expect(misplaced).toEqual([]);
  });
});
