// Point-of-sale exports, one line item per row; the rows of a basket share a transaction_id.
// Only transaction_id and sku are required, as till exports vary; empty optional cells mean absent.
import { numberValue, optionalValue, textValue } from './cell-values.js';
import { csvRows } from './csv-header.js';
import type { CsvOptions } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';
import { parseTimestamp } from './timestamps.js';

export interface PosLineItem {
  transactionId: string;
  sku: string;
  loyaltyId?: string;
  /** Epoch milliseconds. */
  timestamp?: number;
  storeId?: string;
  /** > 0; fractional for goods sold by weight; 1 when the column or cell is empty. */
  quantity: number;
  /** >= 0, in the till's currency; whether unit or line price is the export's convention. */
  price?: number;
}

export const POS_CSV_REQUIRED = ['transaction_id', 'sku'] as const;
export const POS_CSV_OPTIONAL = ['loyalty_id', 'timestamp', 'store_id', 'quantity', 'price'] as const;

export function parsePosCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<PosLineItem>> {
  const columns = { required: POS_CSV_REQUIRED, optional: POS_CSV_OPTIONAL };
  return buildRows(csvRows(source, columns, options), (cells, reader) => {
    const item: PosLineItem = {
      transactionId: reader.take('transaction_id', textValue(cells.transaction_id, 'a transaction id'))!,
      sku: reader.take('sku', textValue(cells.sku, 'a sku'))!,
      quantity:
        reader.take(
          'quantity',
          optionalValue(cells.quantity, (cell) =>
            numberValue(cell, { what: 'a quantity', min: 0, aboveMin: true }),
          ),
        ) ?? 1,
    };
    const timestamp = reader.take('timestamp', optionalValue(cells.timestamp, parseTimestamp));
    const price = reader.take(
      'price',
      optionalValue(cells.price, (cell) => numberValue(cell, { what: 'a price', min: 0 })),
    );
    // Absent fields stay absent (no `key: undefined`), so rows compare equal to hand-written expectations.
    if (cells.loyalty_id) item.loyaltyId = cells.loyalty_id;
    if (timestamp !== undefined) item.timestamp = timestamp;
    if (cells.store_id) item.storeId = cells.store_id;
    if (price !== undefined) item.price = price;
    return item;
  });
}
