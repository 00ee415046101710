import { describe, expect, it } from 'vitest';
import { collect } from './parse-result.js';
import { expectChunkingInvariant, expectRobust } from './parser-test-kit.js';
import type { TextSource } from './text-source.js';
import { parseVisitsCsv } from './visits-csv.js';

const visits = (source: TextSource) => collect(parseVisitsCsv(source));

const T0 = Date.UTC(2024, 4, 1, 9, 30);
const VISITS = [
  'session_id,loyalty_id,zone_id,enter_ts,exit_ts',
  `s-1,L-77,entrance,2024-05-01T09:30:00Z,2024-05-01T09:30:20Z`,
  `s-2,,produce,${T0 + 5_000},${T0 + 65_000}`,
  `s-1,L-77,"café, bakery",2024-05-01T09:30:20Z,2024-05-01T09:32:00Z`,
  `s-1,L-77,tills,2024-05-01T09:30:20Z,2024-05-01T09:30:20Z`,
].join('\n');

describe('parseVisitsCsv', () => {
  it('reads visits; an empty loyalty_id means an anonymous session', async () => {
    expect(await visits([VISITS])).toEqual({
      rows: [
        { sessionId: 's-1', loyaltyId: 'L-77', zoneId: 'entrance', enterTs: T0, exitTs: T0 + 20_000 },
        { sessionId: 's-2', zoneId: 'produce', enterTs: T0 + 5_000, exitTs: T0 + 65_000 },
        {
          sessionId: 's-1',
          loyaltyId: 'L-77',
          zoneId: 'café, bakery',
          enterTs: T0 + 20_000,
          exitTs: T0 + 120_000,
        },
        { sessionId: 's-1', loyaltyId: 'L-77', zoneId: 'tills', enterTs: T0 + 20_000, exitTs: T0 + 20_000 },
      ],
      issues: [],
    });
  });

  it('reports an exit before the enter', async () => {
    const text = `session_id,loyalty_id,zone_id,enter_ts,exit_ts\ns,,z,${T0},${T0 - 1}\n`;
    expect((await visits([text])).issues).toEqual([
      { line: 2, field: 'exit_ts', message: `expected a time not before enter_ts ${T0}, got "${T0 - 1}"` },
    ]);
  });

  it('reports a visit entered before the previous one of its session; sessions are independent', async () => {
    const text = [
      'session_id,loyalty_id,zone_id,enter_ts,exit_ts',
      `a,,z1,${T0 + 10},${T0 + 20}`,
      `b,,z1,${T0},${T0 + 5}`,
      `a,,z2,${T0 + 9},${T0 + 30}`,
      `a,,z3,${T0 + 10},${T0 + 30}`,
    ].join('\n');
    const result = await visits([text]);
    expect(result.rows.map((v) => `${v.sessionId}:${v.zoneId}`)).toEqual(['a:z1', 'b:z1', 'a:z3']);
    expect(result.issues).toEqual([
      {
        line: 4,
        field: 'enter_ts',
        message: `expected visits of session "a" in time order, got "${T0 + 9}", before the visit on line 2`,
      },
    ]);
  });

  it('reports bad cells with line and column', async () => {
    const text = ['session_id,loyalty_id,zone_id,enter_ts,exit_ts', ',,,2024-05-01T09:30:00,soon'].join('\n');
    expect((await visits([text])).issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'session_id'],
      [2, 'zone_id'],
      [2, 'enter_ts'],
      [2, 'exit_ts'],
    ]);
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(parseVisitsCsv, VISITS);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parseVisitsCsv, 'session_id,loyalty_id,zone_id,enter_ts,exit_ts');
  });
});
