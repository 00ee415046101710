// Real basket files for the miner benchmark, read by path and recognised by their header:
//   Member_number,Date,itemDescription   (Groceries member/date set: one basket per member and day)
//   …basket_id…product_id…              (dunnhumby The Complete Journey line items)
//   …transaction_id…sku…                (our POS CSV)
//   anything else                        one basket per line, items separated by commas (arules style)
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { csvRecords, type RowResult } from '@retail/contracts';

export type BasketFileFormat = 'groceries-member-date' | 'dunnhumby' | 'pos' | 'basket-lines';

export interface BasketFile {
  readonly name: string;
  readonly format: BasketFileFormat;
  /** Item names per basket, without repeats. */
  readonly baskets: string[][];
  readonly refusedRecords: number;
}

export async function readBasketFile(path: string): Promise<BasketFile> {
  const result = await basketsFromRecords(csvRecords(createReadStream(path)));
  return { name: basename(path), ...result };
}

/** The pure part: records in, baskets out; the first record decides the format. */
export async function basketsFromRecords(
  records: AsyncIterable<RowResult<string[]>>,
): Promise<Omit<BasketFile, 'name'>> {
  let format: BasketFileFormat | undefined;
  let keyColumns: number[] = [];
  let itemColumn = -1;
  const byKey = new Map<string, Set<string>>();
  const lines: string[][] = [];
  let refusedRecords = 0;
  for await (const r of records) {
    if (!r.ok) {
      refusedRecords++;
      continue;
    }
    const fields = r.value.map((f) => f.trim());
    if (format === undefined) {
      const header = fields.map((f) => f.toLowerCase());
      const col = (name: string) => header.indexOf(name);
      if (col('member_number') >= 0 && col('date') >= 0 && col('itemdescription') >= 0) {
        format = 'groceries-member-date';
        keyColumns = [col('member_number'), col('date')];
        itemColumn = col('itemdescription');
      } else if (col('basket_id') >= 0 && col('product_id') >= 0) {
        format = 'dunnhumby';
        keyColumns = [col('basket_id')];
        itemColumn = col('product_id');
      } else if (col('transaction_id') >= 0 && col('sku') >= 0) {
        format = 'pos';
        keyColumns = [col('store_id'), col('transaction_id')].filter((c) => c >= 0);
        itemColumn = col('sku');
      } else {
        format = 'basket-lines';
        lines.push(distinct(fields));
      }
      continue;
    }
    if (format === 'basket-lines') {
      lines.push(distinct(fields));
      continue;
    }
    const item = fields[itemColumn];
    if (!item) {
      refusedRecords++;
      continue;
    }
    const key = keyColumns.map((c) => fields[c] ?? '').join('\u0000');
    const basket = byKey.get(key) ?? new Set<string>();
    byKey.set(key, basket);
    basket.add(item);
  }
  return {
    format: format ?? 'basket-lines',
    baskets:
      format === 'basket-lines' ? lines.filter((b) => b.length > 0) : [...byKey.values()].map((b) => [...b]),
    refusedRecords,
  };
}

function distinct(fields: string[]): string[] {
  return [...new Set(fields.filter((f) => f !== ''))];
}
