import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect } from './parse-result.js';
import {
  bytesCutInside,
  countResults,
  EXPECTED_TIMESTAMP,
  expectChunkingInvariant,
  expectRobust,
  generatedLines,
} from './parser-test-kit.js';
import { formatRssiCsv, formatRssiRow, parseRssiCsv, type RssiSample } from './rssi-csv.js';
import type { TextSource } from './text-source.js';

const rssi = (source: TextSource) => collect(parseRssiCsv(source));

const LOG = [
  'ts,anchor,beacon,rssi',
  '1714555800000,a1,b-0001,-61',
  '1714555800250,a2,b-0001,-74.5',
  '',
  '2024-05-01T09:30:00.500Z,"entrée, left",b-🛒,-88',
  '',
].join('\n');

describe('parseRssiCsv', () => {
  it('reads samples with ms or ISO timestamps and quoted ids', async () => {
    expect(await rssi([LOG])).toEqual({
      rows: [
        { ts: 1_714_555_800_000, anchor: 'a1', beacon: 'b-0001', rssi: -61 },
        { ts: 1_714_555_800_250, anchor: 'a2', beacon: 'b-0001', rssi: -74.5 },
        { ts: 1_714_555_800_500, anchor: 'entrée, left', beacon: 'b-🛒', rssi: -88 },
      ],
      issues: [],
    });
  });

  it('reports each bad cell with line, column, what was expected and what was found', async () => {
    const text = [
      'TS, Anchor ,Beacon,RSSI,channel',
      '12x,a1,b1,-60,37',
      '1714555800000,,b1,-140,38',
      '1714555800000,a1,b1,loud,39',
      '1714555800000,a1,b1,21,39',
      '1714555800000,a1',
    ].join('\r\n');
    expect((await rssi([text])).issues).toEqual([
      {
        line: 2,
        field: 'ts',
        message: `${EXPECTED_TIMESTAMP}, got "12x"`,
      },
      { line: 3, field: 'anchor', message: 'expected an anchor id, got an empty value' },
      { line: 3, field: 'rssi', message: 'expected a number of dBm in [-130, 20], got "-140"' },
      { line: 4, field: 'rssi', message: 'expected a number of dBm in [-130, 20], got "loud"' },
      { line: 5, field: 'rssi', message: 'expected a number of dBm in [-130, 20], got "21"' },
      { line: 6, field: 'beacon', message: 'expected 5 fields as in the header, got 2' },
    ]);
  });

  it('reports a missing column once at line 1 and nothing else', async () => {
    expect(await rssi(['ts,anchor,rssi\n1,a,-60\n'])).toEqual({
      rows: [],
      issues: [
        {
          line: 1,
          field: 'beacon',
          message:
            'missing required column "beacon": ' +
            'expected a header row with ts,anchor,beacon,rssi, got "ts,anchor,rssi"',
        },
      ],
    });
  });

  it('parses the same however it is chunked', async () => {
    const whole = await expectChunkingInvariant(parseRssiCsv, LOG);
    expect(await rssi(bytesCutInside(LOG, '🛒'))).toEqual(whole);
    expect(await rssi(bytesCutInside(LOG, 'entrée'))).toEqual(whole);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parseRssiCsv, 'ts,anchor,beacon,rssi');
  });

  it('reads back what formatRssiCsv writes', async () => {
    // Cells are trimmed on reading and line breaks come back as LF, so ids are generated without those.
    const id = fc
      .string({ unit: fc.constantFrom('a', 'Z', '7', '-', ',', '"', ' ', '\n', 'é', '🛒'), minLength: 1 })
      .filter((s) => s.trim() === s && s !== '');
    const sample: fc.Arbitrary<RssiSample> = fc.record({
      ts: fc.integer({ min: 0, max: 8.64e15 }),
      anchor: id,
      beacon: id,
      rssi: fc.double({ min: -130, max: 20, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { maxLength: 20 }), async (samples) => {
        expect(await rssi(formatRssiCsv(samples))).toEqual({ rows: samples, issues: [] });
      }),
    );
  });

  it('writes plain rows', () => {
    expect(formatRssiRow({ ts: 5, anchor: 'a,1', beacon: 'b', rssi: -60.5 })).toBe('5,"a,1",b,-60.5');
    expect([...formatRssiCsv([])]).toEqual(['ts,anchor,beacon,rssi\n']);
  });

  it('reports a runaway quoted field of several MiB and reads the rows after it', async () => {
    async function* runaway() {
      yield 'ts,anchor,beacon,rssi\n1,"a1';
      for (let i = 0; i < 3000; i++) yield `${'x'.repeat(1023)}\n`;
      yield '2,a1,b1,-60\n';
    }
    const result = await countResults(parseRssiCsv(runaway()));
    expect(result.rows).toBeGreaterThanOrEqual(1);
    expect(result.issues[0]).toEqual({
      line: 2,
      field: 'anchor',
      message: 'expected a closing quote within 1048576 characters, got a longer field',
    });
  });

  it('streams 200,000 rows', async () => {
    const lines = generatedLines(
      200_000,
      (i) => `${1_714_555_800_000 + i * 50},a${i % 8},b${i % 1000},-${40 + (i % 80)}`,
      'ts,anchor,beacon,rssi',
    );
    expect(await countResults(parseRssiCsv(lines))).toEqual({ rows: 200_000, issues: [] });
  });
});
