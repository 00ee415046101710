import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, escapeCsvField, formatCsvRow } from './csv-records.js';
import { collect } from './parse-result.js';
import {
  bytesCutInside,
  countResults,
  expectChunkingInvariant,
  expectRobust,
  generatedLines,
  splitAt,
} from './parser-test-kit.js';
import type { TextSource } from './text-source.js';

const records = (source: TextSource, maxRecordLength?: number) =>
  collect(csvRecords(source, maxRecordLength === undefined ? {} : { maxRecordLength }));

const SAMPLE = [
  'sku,name,note',
  'A-1,"Crème brûlée, 4 × 100 g","says ""best"" 🍮"',
  '',
  'B-2,"two',
  'lines, one field",plain',
  'C-3,,"" ',
  '',
].join('\r\n');

describe('csvRecords', () => {
  it('reads quoted fields, "" escapes and quoted line breaks; line = where the record starts', async () => {
    const { rows, issues } = await records([SAMPLE]);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      ['sku', 'name', 'note'],
      ['A-1', 'Crème brûlée, 4 × 100 g', 'says "best" 🍮'],
      ['B-2', 'two\nlines, one field', 'plain'],
      ['C-3', '', ''],
    ]);
    const lines: number[] = [];
    for await (const r of csvRecords([SAMPLE])) if (r.ok) lines.push(r.line);
    expect(lines).toEqual([1, 2, 4, 6]);
  });

  it('keeps unquoted fields untrimmed, trailing empty fields, and quotes inside them', async () => {
    expect((await records([' a , b,\n5" screen,x\n'])).rows).toEqual([
      [' a ', ' b', ''],
      ['5" screen', 'x'],
    ]);
  });

  it('treats a quote after blanks as opening a quoted field (", "-separated writers)', async () => {
    expect((await records(['a, "b, c" ,d\n'])).rows).toEqual([['a', 'b, c', 'd']]);
  });

  it('skips blank and whitespace-only lines between records, not inside quoted fields', async () => {
    expect((await records(['\n  \na\n\n"x\n\ny"\n'])).rows).toEqual([['a'], ['x\n\ny']]);
  });

  it('reports an unterminated quote at the line the record starts, naming the column', async () => {
    const { rows, issues } = await records(['id,name\n1,"ok"\n2,"never closed\n3,more\n']);
    expect(rows).toEqual([
      ['id', 'name'],
      ['1', 'ok'],
    ]);
    expect(issues).toEqual([
      {
        line: 3,
        field: 'column 2',
        message: 'expected a closing quote (") for the field opened on line 3, got the end of the file',
      },
    ]);
  });

  it('reports text after a closing quote and carries on with the next line', async () => {
    const { rows, issues } = await records(['a,"b"c,d\nnext,row\n']);
    expect(rows).toEqual([['next', 'row']]);
    expect(issues).toEqual([
      {
        line: 1,
        field: 'column 2',
        message: 'expected "," or the end of the line after a closing quote, got "c,d"',
      },
    ]);
  });

  it('names columns with fieldLabel', async () => {
    const labels = ['ts', 'anchor'];
    const result = await collect(csvRecords(['1,"a\n'], { fieldLabel: (i) => labels[i] ?? '?' }));
    expect(result.issues[0]?.field).toBe('anchor');
  });

  it('gives up on a quoted field longer than maxRecordLength and resumes after it', async () => {
    const text = `a,b\n1,"${'x\n'.repeat(20)}2,3\n4,5\n`;
    const { rows, issues } = await records([text], 16);
    expect(issues).toEqual([
      {
        line: 2,
        field: 'column 2',
        message: 'expected a closing quote within 16 characters, got a longer field',
      },
    ]);
    // The lines swallowed before the limit are lost; parsing resumes right after.
    expect(rows[0]).toEqual(['a', 'b']);
    expect(rows.at(-1)).toEqual(['4', '5']);
  });

  it('reports a line longer than maxRecordLength', async () => {
    const { rows, issues } = await records([`${'y'.repeat(40)}\nok\n`], 16);
    expect(rows).toEqual([['ok']]);
    expect(issues).toEqual([
      { line: 1, message: 'expected a line of at most 16 characters, got a longer one' },
    ]);
  });

  it('parses the same however the bytes are chunked (inside quotes, inside characters)', async () => {
    const whole = await expectChunkingInvariant((s) => csvRecords(s), SAMPLE);
    expect(await records(bytesCutInside(SAMPLE, 'û'))).toEqual(whole);
    expect(await records(bytesCutInside(SAMPLE, '🍮'))).toEqual(whole);
    expect(await records(bytesCutInside(SAMPLE, 'lines, one'))).toEqual(whole);
    expect(await records(splitAt(SAMPLE, [SAMPLE.indexOf('""best') + 1]))).toEqual(whole);
  });

  it('never throws on garbage', async () => {
    await expectRobust((s) => csvRecords(s));
  });

  it('streams 200,000 records', async () => {
    const result = await countResults(csvRecords(generatedLines(200_000, (i) => `${i},"q ${i}",x`)));
    expect(result).toEqual({ rows: 200_000, issues: [] });
  });
});

describe('escapeCsvField / formatCsvRow', () => {
  it('quotes only when needed', () => {
    expect(escapeCsvField('plain')).toBe('plain');
    expect(escapeCsvField('a,b')).toBe('"a,b"');
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvField('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvField(' padded')).toBe('" padded"');
    expect(escapeCsvField('')).toBe('');
    expect(formatCsvRow(['a', '', 'b,c'])).toBe('a,,"b,c"');
    expect(formatCsvRow([''])).toBe('""');
  });

  it('round-trips any fields through csvRecords (line breaks inside fields come back as LF)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', '🛒', ',', '"', '\n', ' ', '\t', '1') });
    const row = fc.array(field, { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 8 }), async (rows) => {
        const text = rows.map((r) => `${formatCsvRow(r)}\r\n`).join('');
        expect(await records([text])).toEqual({ rows, issues: [] });
      }),
    );
  });
});
