import { describe, expect, it } from 'vitest';
import { collect } from './parse-result.js';
import {
  countResults,
  EXPECTED_TIMESTAMP,
  expectChunkingInvariant,
  expectRobust,
  generatedLines,
} from './parser-test-kit.js';
import { parsePosCsv } from './pos-csv.js';
import type { TextSource } from './text-source.js';

const pos = (source: TextSource) => collect(parsePosCsv(source));

const EXPORT = [
  'Transaction_ID,SKU,Loyalty_ID,Timestamp,Store_ID,Quantity,Price,Cashier',
  'T-1001,SKU-COFFEE,L-77,2024-05-01T09:31:12+02:00,store-1,2,4.5,Ann',
  'T-1001,SKU-CROISSANT,L-77,2024-05-01T09:31:12+02:00,store-1,,1.2,Ann',
  'T-1002,"SKU ""X"", large",,1714548672000,store-1,0.455,12,Bob',
  'T-1003,SKU-CRÈME,,,,3,,',
].join('\n');

describe('parsePosCsv', () => {
  it('reads line items; empty optional cells are absent and quantity defaults to 1', async () => {
    expect(await pos([EXPORT])).toEqual({
      rows: [
        {
          transactionId: 'T-1001',
          sku: 'SKU-COFFEE',
          loyaltyId: 'L-77',
          timestamp: Date.UTC(2024, 4, 1, 7, 31, 12),
          storeId: 'store-1',
          quantity: 2,
          price: 4.5,
        },
        {
          transactionId: 'T-1001',
          sku: 'SKU-CROISSANT',
          loyaltyId: 'L-77',
          timestamp: Date.UTC(2024, 4, 1, 7, 31, 12),
          storeId: 'store-1',
          quantity: 1,
          price: 1.2,
        },
        {
          transactionId: 'T-1002',
          sku: 'SKU "X", large',
          timestamp: 1_714_548_672_000,
          storeId: 'store-1',
          quantity: 0.455,
          price: 12,
        },
        { transactionId: 'T-1003', sku: 'SKU-CRÈME', quantity: 3 },
      ],
      issues: [],
    });
  });

  it('needs only transaction_id and sku', async () => {
    expect(await pos(['sku,transaction_id\nA,T1\n'])).toEqual({
      rows: [{ transactionId: 'T1', sku: 'A', quantity: 1 }],
      issues: [],
    });
    expect((await pos(['transaction_id,item\nT1,A\n'])).issues).toEqual([
      {
        line: 1,
        field: 'sku',
        message:
          'missing required column "sku": ' +
          'expected a header row with transaction_id,sku, got "transaction_id,item"',
      },
    ]);
  });

  it('reports bad cells with line and column', async () => {
    const text = [
      'transaction_id,sku,quantity,price,timestamp',
      'T1,A,0,1,1714548672000',
      'T1,,-2,-0.01,yesterday',
      ',B,two,€3,2024-02-30',
    ].join('\n');
    expect((await pos([text])).issues).toEqual([
      { line: 2, field: 'quantity', message: 'expected a quantity > 0, got "0"' },
      { line: 3, field: 'sku', message: 'expected a sku, got an empty value' },
      { line: 3, field: 'quantity', message: 'expected a quantity > 0, got "-2"' },
      {
        line: 3,
        field: 'timestamp',
        message: `${EXPECTED_TIMESTAMP}, got "yesterday"`,
      },
      { line: 3, field: 'price', message: 'expected a price >= 0, got "-0.01"' },
      { line: 4, field: 'transaction_id', message: 'expected a transaction id, got an empty value' },
      { line: 4, field: 'quantity', message: 'expected a quantity > 0, got "two"' },
      {
        line: 4,
        field: 'timestamp',
        message: `${EXPECTED_TIMESTAMP}, got "2024-02-30" (day 30 does not exist in 2024-02)`,
      },
      { line: 4, field: 'price', message: 'expected a price >= 0, got "€3"' },
    ]);
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(parsePosCsv, EXPORT);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parsePosCsv, 'transaction_id,sku,loyalty_id,timestamp,store_id,quantity,price');
  });

  it('streams 200,000 line items', async () => {
    const lines = generatedLines(
      200_000,
      (i) => `T${i >> 2},SKU-${i % 500},,${1_714_548_672_000 + i},s1,1,2.5`,
    );
    const header = 'transaction_id,sku,loyalty_id,timestamp,store_id,quantity,price';
    async function* withHeader() {
      yield `${header}\n`;
      yield* lines;
    }
    expect(await countResults(parsePosCsv(withHeader()))).toEqual({ rows: 200_000, issues: [] });
  });
});
