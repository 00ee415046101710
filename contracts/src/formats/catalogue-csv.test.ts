import { describe, expect, it } from 'vitest';
import { catalogueItemSchema } from '../catalogue.js';
import { parseCatalogueCsv, parseMargin } from './catalogue-csv.js';
import { collect } from './parse-result.js';
import { expectChunkingInvariant, expectRobust } from './parser-test-kit.js';
import type { TextSource } from './text-source.js';

const catalogue = (source: TextSource) => collect(parseCatalogueCsv(source));

const CATALOGUE = [
  'sku,name,category,subcategory,margin,supplier',
  'SKU-COFFEE,"Coffee beans, 1 kg",Grocery,Hot drinks,0.35,Acme',
  'SKU-CRÈME,Crème fraîche,Dairy,,35%,',
  'SKU-MUG,Mug 🛒,Household,Kitchen,,',
].join('\r\n');

describe('parseCatalogueCsv', () => {
  it('reads items with optional subcategory and margin as a fraction or a percentage', async () => {
    const result = await catalogue([CATALOGUE]);
    expect(result).toEqual({
      rows: [
        {
          sku: 'SKU-COFFEE',
          name: 'Coffee beans, 1 kg',
          category: 'Grocery',
          subcategory: 'Hot drinks',
          margin: 0.35,
        },
        { sku: 'SKU-CRÈME', name: 'Crème fraîche', category: 'Dairy', margin: 0.35 },
        { sku: 'SKU-MUG', name: 'Mug 🛒', category: 'Household', subcategory: 'Kitchen' },
      ],
      issues: [],
    });
    for (const item of result.rows) expect(catalogueItemSchema.safeParse(item).success).toBe(true);
  });

  it('works without the optional columns', async () => {
    expect((await catalogue(['sku,name,category\nA,Apple,Fruit\n'])).rows).toEqual([
      { sku: 'A', name: 'Apple', category: 'Fruit' },
    ]);
  });

  it('reports a duplicate sku on the later line', async () => {
    const text = 'sku,name,category\nA,Apple,Fruit\nB,Banana,Fruit\nA,Apricot,Fruit\n';
    expect(await catalogue([text])).toEqual({
      rows: [
        { sku: 'A', name: 'Apple', category: 'Fruit' },
        { sku: 'B', name: 'Banana', category: 'Fruit' },
      ],
      issues: [
        { line: 4, field: 'sku', message: 'expected a sku not used before, got "A" again (first on line 2)' },
      ],
    });
  });

  it('reports bad cells with line and column, including the contract length limits', async () => {
    const longSku = 'S'.repeat(65);
    const text = [
      'sku,name,category,margin',
      `${longSku},Long,Misc,0.1`,
      'C,,Misc,135%',
      'D,Dates,,-0.1',
      'E,Eggs,Dairy,abc',
    ].join('\n');
    expect((await catalogue([text])).issues).toEqual([
      {
        line: 2,
        field: 'sku',
        message: `expected a sku of at most 64 characters, got "${'S'.repeat(40)}…"`,
      },
      { line: 3, field: 'name', message: 'expected a product name, got an empty value' },
      {
        line: 3,
        field: 'margin',
        message: 'expected a margin from 0 to 1 like 0.35, or a percentage like 35%, got "135%"',
      },
      { line: 4, field: 'category', message: 'expected a category, got an empty value' },
      {
        line: 4,
        field: 'margin',
        message: 'expected a margin from 0 to 1 like 0.35, or a percentage like 35%, got "-0.1"',
      },
      {
        line: 5,
        field: 'margin',
        message: 'expected a margin from 0 to 1 like 0.35, or a percentage like 35%, got "abc"',
      },
    ]);
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(parseCatalogueCsv, CATALOGUE);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parseCatalogueCsv, 'sku,name,category,subcategory,margin');
  });
});

describe('parseMargin', () => {
  it('reads fractions and percentages in [0, 1]', () => {
    expect(parseMargin('0')).toEqual({ ok: true, value: 0 });
    expect(parseMargin('1')).toEqual({ ok: true, value: 1 });
    expect(parseMargin('100%')).toEqual({ ok: true, value: 1 });
    expect(parseMargin('12.5 %')).toEqual({ ok: true, value: 0.125 });
    expect(parseMargin('35')).toMatchObject({ ok: false });
    expect(parseMargin('%')).toMatchObject({ ok: false });
    expect(parseMargin('0.35%%')).toMatchObject({ ok: false });
  });
});
