import { describe, expect, it } from 'vitest';
import { collect } from './parse-result.js';
import { EXPECTED_TIMESTAMP, expectChunkingInvariant, expectRobust } from './parser-test-kit.js';
import type { TextSource } from './text-source.js';
import { parseTruthCsv } from './truth-csv.js';

const truth = (source: TextSource) => collect(parseTruthCsv(source));

const TRUTH = 'ts,beacon,x,y\r\n1714555800000,b-0001,3.25,-0.5\r\n2024-05-01T09:30:01Z,"bé 🛒",12,8.75\r\n';

describe('parseTruthCsv', () => {
  it('reads positions in metres', async () => {
    expect(await truth([TRUTH])).toEqual({
      rows: [
        { ts: 1_714_555_800_000, beacon: 'b-0001', x: 3.25, y: -0.5 },
        { ts: 1_714_555_801_000, beacon: 'bé 🛒', x: 12, y: 8.75 },
      ],
      issues: [],
    });
  });

  it('rejects non-finite and non-decimal coordinates', async () => {
    const text = 'beacon,ts,y,x\nb,1,NaN,Infinity\nb,1,"1,5",0x10\nb,,1e999,\n';
    expect((await truth([text])).issues).toEqual([
      { line: 2, field: 'x', message: 'expected a number of metres, got "Infinity"' },
      { line: 2, field: 'y', message: 'expected a number of metres, got "NaN"' },
      { line: 3, field: 'x', message: 'expected a number of metres, got "0x10"' },
      { line: 3, field: 'y', message: 'expected a number of metres, got "1,5"' },
      {
        line: 4,
        field: 'ts',
        message: `${EXPECTED_TIMESTAMP}, got an empty value`,
      },
      { line: 4, field: 'x', message: 'expected a number of metres, got an empty value' },
      { line: 4, field: 'y', message: 'expected a number of metres, got "1e999"' },
    ]);
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(parseTruthCsv, TRUTH);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parseTruthCsv, 'ts,beacon,x,y');
  });
});
