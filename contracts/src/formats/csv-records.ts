// RFC 4180 records from a text stream (quoted fields, "" escapes, quoted line breaks), and the field escaper
// writers use so that what they write reads back unchanged.
import { describeText } from './cell-values.js';
import type { RowResult } from './parse-result.js';
import { DEFAULT_MAX_LINE_LENGTH, linesOf, type TextSource } from './text-source.js';

export interface CsvOptions {
  /**
   * Longest record, in characters, before it is reported and skipped. Bounds memory when a stray quote
   * would otherwise swallow the rest of the file into one field.
   */
  maxRecordLength?: number;
}

export interface CsvRecordOptions extends CsvOptions {
  /** Names a field in issues, by 0-based position; defaults to `column 3` style labels. */
  fieldLabel?: (index: number) => string;
}

type Mode = 'start' | 'unquoted' | 'quoted' | 'closed';

/** A record being read; it outlives one line only while a quoted field is open. */
interface Pending {
  line: number;
  fields: string[];
  field: string;
  mode: Mode;
  length: number;
}

const QUOTE = 34;

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * Reads one physical line into the record. Returns 'open' when a quoted field continues on the next line,
 * 'done' when the record is complete, or an error message.
 */
function scanLine(rec: Pending, text: string): 'open' | 'done' | { error: string } {
  let i = 0;
  for (;;) {
    if (rec.mode === 'quoted') {
      const q = text.indexOf('"', i);
      if (q < 0) {
        rec.field += text.slice(i);
        return 'open';
      }
      rec.field += text.slice(i, q);
      if (text.charCodeAt(q + 1) === QUOTE) {
        rec.field += '"';
        i = q + 2;
      } else {
        rec.mode = 'closed';
        i = q + 1;
      }
    } else if (rec.mode === 'closed') {
      // After a closing quote only blanks may precede the separator; anything else means broken quoting.
      while (isSpace(text[i])) i++;
      if (i >= text.length) {
        rec.fields.push(rec.field);
        return 'done';
      }
      if (text[i] !== ',') {
        const got = describeText(text.slice(i));
        return { error: `expected "," or the end of the line after a closing quote, got ${got}` };
      }
      rec.fields.push(rec.field);
      rec.field = '';
      rec.mode = 'start';
      i++;
    } else {
      if (rec.mode === 'start') {
        // Leniency: writers that put a space after the comma still mean the field to be quoted.
        let j = i;
        while (isSpace(text[j])) j++;
        rec.mode = text.charCodeAt(j) === QUOTE ? 'quoted' : 'unquoted';
        if (rec.mode === 'quoted') {
          i = j + 1;
          continue;
        }
      }
      // A quote inside an unquoted field (5" screen) is kept literally, as most readers do.
      const comma = text.indexOf(',', i);
      rec.fields.push(rec.field + text.slice(i, comma < 0 ? undefined : comma));
      rec.field = '';
      rec.mode = 'start';
      if (comma < 0) return 'done';
      i = comma + 1;
    }
  }
}

/**
 * The records of a CSV stream as arrays of raw (untrimmed) fields; `line` is where each record starts.
 * Blank lines between records are skipped. Line breaks inside quoted fields come out as "\n".
 */
export async function* csvRecords(
  source: TextSource,
  options: CsvRecordOptions = {},
): AsyncGenerator<RowResult<string[]>> {
  const max = options.maxRecordLength ?? DEFAULT_MAX_LINE_LENGTH;
  const label = options.fieldLabel ?? ((index: number) => `column ${index + 1}`);
  let rec: Pending | undefined;

  for await (const { line, text, truncated } of linesOf(source, { maxLineLength: max })) {
    if (rec === undefined) {
      if (isBlank(text)) continue;
      if (truncated) {
        yield {
          ok: false,
          issue: { line, message: `expected a line of at most ${max} characters, got a longer one` },
        };
        continue;
      }
      if (!text.includes('"')) {
        // The common case needs no state machine.
        yield { ok: true, line, value: text.split(',') };
        continue;
      }
      rec = { line, fields: [], field: '', mode: 'start', length: 0 };
    } else {
      rec.field += '\n';
    }
    rec.length += text.length + 1;
    if (truncated || rec.length > max) {
      // Skipping from here keeps the work linear; the lines already consumed are lost with the record.
      const message = `expected a closing quote within ${max} characters, got a longer field`;
      yield { ok: false, issue: { line: rec.line, field: label(rec.fields.length), message } };
      rec = undefined;
      continue;
    }
    const outcome = scanLine(rec, text);
    if (outcome === 'open') continue;
    if (outcome === 'done') {
      yield { ok: true, line: rec.line, value: rec.fields };
    } else {
      yield { ok: false, issue: { line: rec.line, field: label(rec.fields.length), message: outcome.error } };
    }
    rec = undefined;
  }
  if (rec !== undefined) {
    const opened = `the field opened on line ${rec.line}`;
    const message = `expected a closing quote (") for ${opened}, got the end of the file`;
    yield { ok: false, issue: { line: rec.line, field: label(rec.fields.length), message } };
  }
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as CSV, quoted when it holds a separator, quote, line break or edge blanks (readers trim). */
export function escapeCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, without its line ending. A lone empty field is quoted so the line is not read as blank. */
export function formatCsvRow(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""';
  return fields.map(escapeCsvField).join(',');
}
