// Loyalty-app enrolments, `loyalty_id,app_secret`: the members who opted in to BLE linkage and the
// per-member secret their app derives its rotating identifier from (see rotating-id.ts). The loyalty
// backend exports this file; the hub keeps only the pseudonym and the secret.
import { describeText, textValue, type ValueResult } from './cell-values.js';
import { csvRows } from './csv-header.js';
import { type CsvOptions, formatCsvRow } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';

export interface AppMember {
  loyaltyId: string;
  /** 32–128 lower-case hex digits (16–64 bytes). */
  appSecret: string;
}

export const APP_MEMBERS_CSV_COLUMNS = ['loyalty_id', 'app_secret'] as const;

const SECRET = /^(?:[0-9a-f]{2}){16,64}$/;

function secretValue(text: string): ValueResult<string> {
  return SECRET.test(text)
    ? { ok: true, value: text }
    : { ok: false, message: `expected 32–128 lower-case hex digits, got ${describeText(text)}` };
}

export function parseAppMembersCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<AppMember>> {
  return buildRows(csvRows(source, { required: APP_MEMBERS_CSV_COLUMNS }, options), (cells, reader) => ({
    loyaltyId: reader.take('loyalty_id', textValue(cells.loyalty_id, 'a loyalty number', 64))!,
    appSecret: reader.take('app_secret', secretValue(cells.app_secret))!,
  }));
}

/** The whole file as lines (header first), each ending in "\n". */
export function* formatAppMembersCsv(members: Iterable<AppMember>): Generator<string> {
  yield `${APP_MEMBERS_CSV_COLUMNS.join(',')}\n`;
  for (const m of members) yield `${formatCsvRow([m.loyaltyId, m.appSecret])}\n`;
}
