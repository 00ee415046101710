import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnalyticsInputs } from './analytics-inputs.js';

const demo = (file: string) =>
  fileURLToPath(new URL(`../../../fixtures/stores/demo-supermarket/${file}`, import.meta.url));

describe('readAnalyticsInputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-analytics-'));
  });

  it('streams visits and POS rows into sessions and transactions, naming refused lines', async () => {
    const visits = path.join(dir, 'visits.csv');
    await writeFile(
      visits,
      [
        'session_id,loyalty_id,zone_id,enter_ts,exit_ts',
        's1,m1,diy,2026-03-02T10:00:00Z,2026-03-02T10:02:00Z',
        's1,m1,checkout,2026-03-02T10:03:00Z,2026-03-02T10:05:00Z',
        's2,,produce,yesterday,2026-03-02T10:05:00Z',
      ].join('\n'),
    );
    const pos = path.join(dir, 'pos.csv');
    await writeFile(
      pos,
      [
        'transaction_id,sku,loyalty_id,timestamp',
        't1,PNT-101,m1,2026-03-02T10:06:00Z',
        't1,BRU-101,m1,2026-03-02T10:06:00Z',
        't2,,,',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const inputs = await readAnalyticsInputs(
      { layout: demo('layout.json'), visits, transactions: pos, catalogue: demo('catalogue.csv') },
      (line) => warnings.push(line),
    );
    expect(inputs.layout.storeId).toBe('demo-supermarket');
    expect(inputs.sessions.map((s) => [s.sessionId, s.loyaltyId, s.visits.length])).toEqual([
      ['s1', 'm1', 2],
    ]);
    expect(inputs.transactions?.map((t) => [t.transactionId, [...t.units.keys()]])).toEqual([
      ['t1', ['PNT-101', 'BRU-101']],
    ]);
    expect(inputs.catalogue?.get('PNT-101')?.category).toBe('Paint');
    expect(inputs.rows).toEqual({ visits: 2, lineItems: 2 });
    expect(inputs.refused).toEqual({ visits: 1, transactions: 1, catalogue: 0 });
    expect(warnings).toEqual([
      expect.stringMatching(/pos\.csv: line 4, field "sku"/),
      expect.stringMatching(/visits\.csv: line 4, field "enter_ts": .*"yesterday"/),
    ]);
  });

  it('refuses an invalid layout, listing its problems by path', async () => {
    const layout = path.join(dir, 'layout.json');
    await writeFile(layout, JSON.stringify({ schema: 'retail.layout/v1', storeId: 'x' }));
    const visits = path.join(dir, 'empty.csv');
    await writeFile(visits, 'session_id,loyalty_id,zone_id,enter_ts,exit_ts\n');
    await expect(readAnalyticsInputs({ layout, visits }, () => {})).rejects.toThrow(
      /layout problem\(s\)\n {2}name:/,
    );
  });
});
