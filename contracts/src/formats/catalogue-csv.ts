// Product catalogue CSV, `sku,name,category[,subcategory][,margin]`, into the contract's CatalogueItem.
// Text limits come from catalogueItemSchema so every row this yields is a valid catalogue item.
import { type CatalogueItem, catalogueItemSchema } from '../catalogue.js';
import {
  decimalOf,
  describeText,
  expected,
  optionalValue,
  textValue,
  type ValueResult,
} from './cell-values.js';
import { csvRows } from './csv-header.js';
import type { CsvOptions } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';

export const CATALOGUE_CSV_REQUIRED = ['sku', 'name', 'category'] as const;
export const CATALOGUE_CSV_OPTIONAL = ['subcategory', 'margin'] as const;

const limits = catalogueItemSchema.shape;

/** A fraction in [0, 1], written `0.35` or `35%` (spreadsheets export both). */
export function parseMargin(text: string): ValueResult<number> {
  const percent = text.endsWith('%');
  const n = decimalOf(percent ? text.slice(0, -1).trimEnd() : text);
  const fraction = n === undefined ? undefined : percent ? n / 100 : n;
  if (fraction === undefined || fraction < 0 || fraction > 1) {
    return expected('a margin from 0 to 1 like 0.35, or a percentage like 35%', text);
  }
  return { ok: true, value: fraction };
}

/** Rows in file order; a sku seen before is an issue on the later line (memory grows with distinct skus). */
export function parseCatalogueCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<CatalogueItem>> {
  const columns = { required: CATALOGUE_CSV_REQUIRED, optional: CATALOGUE_CSV_OPTIONAL };
  const firstLine = new Map<string, number>();
  return buildRows(csvRows(source, columns, options), (cells, reader) => {
    const sku = reader.take('sku', textValue(cells.sku, 'a sku', limits.sku.maxLength));
    if (sku !== undefined) {
      const first = firstLine.get(sku);
      if (first === undefined) {
        firstLine.set(sku, reader.line);
      } else {
        const again = `got ${describeText(sku)} again (first on line ${first})`;
        reader.fail('sku', `expected a sku not used before, ${again}`);
      }
    }
    const item: CatalogueItem = {
      sku: sku!,
      name: reader.take('name', textValue(cells.name, 'a product name', limits.name.maxLength))!,
      category: reader.take('category', textValue(cells.category, 'a category', limits.category.maxLength))!,
    };
    const subcategory = reader.take(
      'subcategory',
      optionalValue(cells.subcategory, (cell) =>
        textValue(cell, 'a subcategory', limits.subcategory.unwrap().maxLength),
      ),
    );
    const margin = reader.take('margin', optionalValue(cells.margin, parseMargin));
    if (subcategory !== undefined) item.subcategory = subcategory;
    if (margin !== undefined) item.margin = margin;
    return item;
  });
}
