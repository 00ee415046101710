// `hub-server bench ingest` end to end on a few hundred messages: both sides of the comparison run
// and every message is accounted for. Rates are printed by the benchmark, never asserted here.
import { describe, expect, it } from 'vitest';
import { runIngestBench } from '../src/bench/ingest-bench.js';

const setups = [
  { name: 'embedded broker, SQLite' },
  ...(process.env.MQTT_URL && process.env.DATABASE_URL
    ? [
        {
          name: 'external broker, PostgreSQL',
          mqttUrl: process.env.MQTT_URL,
          databaseUrl: process.env.DATABASE_URL,
        },
      ]
    : []),
];

describe.each(setups)('bench ingest ($name)', (setup) => {
  it('stores every published message once and reports both sides', async () => {
    const lines: string[] = [];
    const result = await runIngestBench({
      messages: 300,
      gateways: 3,
      inflight: 8,
      rounds: 1,
      progress: (line) => lines.push(line),
      ...(setup.mqttUrl && { mqttUrl: setup.mqttUrl }),
      ...(setup.databaseUrl && { databaseUrl: setup.databaseUrl }),
    });

    expect(result).toMatchObject({
      bench: 'ingest',
      broker: setup.mqttUrl ? 'external' : 'embedded-aedes',
      database: setup.databaseUrl ? 'postgres' : 'sqlite',
      gateways: 3,
      lost: 0,
      duplicates: 0,
    });
    expect(result.baseline).toMatchObject({ messages: 300, dropped: 0 });
    expect(result.endToEnd).toMatchObject({ messages: 300, lost: 0, duplicates: 0 });
    for (const side of [result.baseline, result.endToEnd]) {
      expect(side.messagesPerSecond).toBeGreaterThan(0);
      expect(side.cpuMicrosPerMessage).toBeGreaterThan(0);
      expect(side.coresBusy).toBeGreaterThan(0);
      expect(side.mainThreadBusy).toBeGreaterThan(0);
      expect(side.mainThreadBusy).toBeLessThanOrEqual(1);
      expect(side.publishersBusy).toBeGreaterThan(0);
      expect(side.publishersBusy).toBeLessThanOrEqual(1);
    }
    expect(result.cores).toBeGreaterThanOrEqual(1);
    expect(result.storedVsBaseline).toBeGreaterThan(0);
    expect(result.rounds).toHaveLength(1);
    expect(result.heatmapStoreDayQuery.runs).toBe(300);
    expect(lines.some((l) => l.startsWith('baseline 1/1'))).toBe(true);
    expect(lines.some((l) => l.startsWith('hub 1/1'))).toBe(true);
  }, 60_000);
});
