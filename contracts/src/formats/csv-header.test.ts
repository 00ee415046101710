import { describe, expect, it } from 'vitest';
import { csvRows } from './csv-header.js';
import { collect } from './parse-result.js';
import { expectChunkingInvariant, expectRobust } from './parser-test-kit.js';
import type { TextSource } from './text-source.js';

const COLUMNS = { required: ['ts', 'anchor'], optional: ['note', 'gain'] } as const;
const rows = (source: TextSource) => collect(csvRows(source, COLUMNS));

describe('csvRows', () => {
  it('finds columns by trimmed, case-insensitive name, ignores extras and trims cells', async () => {
    const text = '\uFEFF Anchor ,extra,TS,Note\r\na1 , x ,17, hi \r\n';
    expect(await rows([text])).toEqual({ rows: [{ anchor: 'a1', ts: '17', note: 'hi' }], issues: [] });
  });

  it('reports missing required columns once, on the header line, and yields nothing more', async () => {
    const result = await rows(['\n\ntime,beacon,rssi\n1,b,-60\n2,b,-61\n']);
    expect(result).toEqual({
      rows: [],
      issues: [
        {
          line: 3,
          field: 'ts',
          message:
            'missing required columns "ts", "anchor": ' +
            'expected a header row with ts,anchor, got "time,beacon,rssi"',
        },
      ],
    });
    expect((await rows(['ts,x\n'])).issues[0]?.message).toMatch(/^missing required column "anchor": /);
  });

  it('reports a short row naming its first missing column', async () => {
    const result = await rows(['ts,note,anchor\n1,n,a\n2\n3,n\n']);
    expect(result.rows).toEqual([{ ts: '1', note: 'n', anchor: 'a' }]);
    expect(result.issues).toEqual([
      { line: 3, field: 'note', message: 'expected 3 fields as in the header, got 1' },
      { line: 4, field: 'anchor', message: 'expected 3 fields as in the header, got 2' },
    ]);
  });

  it('lets a row omit trailing columns it does not use', async () => {
    expect((await rows(['ts,anchor,comment\n1,a\n'])).rows).toEqual([{ ts: '1', anchor: 'a' }]);
  });

  it('reports an empty file, and a header-only file has no rows', async () => {
    expect(await rows([])).toEqual({
      rows: [],
      issues: [{ line: 0, message: 'expected a header row with ts,anchor, got an empty file' }],
    });
    expect(await rows(['ts,anchor\n\n'])).toEqual({ rows: [], issues: [] });
  });

  it('names the column of a quoting error in a later row', async () => {
    const result = await rows(['TS,Anchor,Extra\n1,"a"!,x\n2,b,"open\n']);
    expect(result.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'anchor'],
      [3, 'Extra'],
    ]);
  });

  it('stops at a header it cannot read', async () => {
    expect(await rows(['"ts,anchor\n1,a\n'])).toEqual({
      rows: [],
      issues: [
        {
          line: 1,
          field: 'column 1',
          message: 'expected a closing quote (") for the field opened on line 1, got the end of the file',
        },
      ],
    });
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(
      (s) => csvRows(s, COLUMNS),
      'ts,anchor,note\n1,"é,🛒",""""\n\n2,b,"x\r\ny"\n',
    );
  });

  it('never throws on garbage', async () => {
    await expectRobust((s) => csvRows(s, COLUMNS), 'ts,anchor,note');
  });
});
