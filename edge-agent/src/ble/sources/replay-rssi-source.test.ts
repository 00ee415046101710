import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParseIssue } from '@retail/contracts';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBeaconClassifier } from '../advertising/index.js';
import type { Reception } from '../ble-types.js';
import { ReplayRssiSource } from './replay-rssi-source.js';

const STAFF = 'ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:1';
const STRANGER = 'ibeacon:11111111-2222-3333-4444-555555555555:9:9';
const { classify } = createBeaconClassifier({
  staffTags: [{ beaconId: STAFF }, { beaconId: 'staff-0001' }],
  acceptLoyalty: true,
});

function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) }) };
}

const LOG = [
  'ts,anchor,beacon,rssi',
  `1000,a1,${STAFF.toUpperCase()},-60`,
  `1500,a2,${STRANGER},-70`,
  '2000,a1,staff-0001,-65.5',
  '2500,a1,eid:0123456789abcdef,-80',
  '3000,a2,staff-0001,abc', // line 6: bad rssi
  'yesterday,a2,staff-0001,-50', // line 7: bad ts
  '4000,a3,staff-0001,-200', // line 8: rssi out of range
  ',,staff-0001,x', // line 9: three bad cells, one bad row
  '5000,a3,staff-0001', // line 10: short row
  '6000,a3,staff-0001,-55',
  '',
].join('\n');

describe('ReplayRssiSource, as fast as possible', () => {
  it('delivers known beacons, drops strangers, reports bad rows by line and field', async () => {
    const { lines, logger } = capturingLogger();
    const issues: ParseIssue[] = [];
    const got: Reception[] = [];
    const source = new ReplayRssiSource({
      text: [LOG],
      name: 'fixture',
      classify,
      logger,
      onIssue: (i) => issues.push(i),
    });
    await source.start((r) => got.push(r));
    const summary = await source.finished();

    expect(got).toEqual([
      { ts: 1000, anchor: 'a1', beacon: STAFF, rssi: -60 },
      { ts: 2000, anchor: 'a1', beacon: 'staff-0001', rssi: -65.5 },
      { ts: 2500, anchor: 'a1', beacon: 'eid:0123456789abcdef', rssi: -80 },
      { ts: 6000, anchor: 'a3', beacon: 'staff-0001', rssi: -55 },
    ]);
    expect(summary).toEqual({ delivered: 4, strangers: 1, malformed: 5, stopped: false });
    expect(source.counters).toEqual({ delivered: 4, strangers: 1, malformed: 5 });
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [6, 'rssi'],
      [7, 'ts'],
      [8, 'rssi'],
      [9, 'ts'],
      [9, 'anchor'],
      [9, 'rssi'],
      [10, 'rssi'],
    ]);
    const log = lines.join('');
    expect(log).toContain('line 6, field \\"rssi\\"');
    expect(log).not.toContain(STRANGER);
    expect(log).not.toContain('11111111');
  });

  it('reports a log without the right header once, and stops there', async () => {
    const issues: ParseIssue[] = [];
    const source = new ReplayRssiSource({
      text: ['time,who,dbm\n1,a,-50\n'],
      classify,
      onIssue: (i) => issues.push(i),
    });
    const got: Reception[] = [];
    await source.start((r) => got.push(r));
    expect(await source.finished()).toMatchObject({ delivered: 0, malformed: 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/missing required columns "ts", "anchor", "beacon", "rssi"/);
  });

  it('reads a file, and says clearly when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replay-rssi-'));
    afterAll(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'rssi.csv');
    await writeFile(file, LOG);
    const source = new ReplayRssiSource({ file, classify });
    const got: Reception[] = [];
    await source.start((r) => got.push(r));
    expect((await source.finished()).delivered).toBe(4);
    expect(source.name).toBe(`replay ${file}`);

    const missing = new ReplayRssiSource({ file: join(dir, 'nope.csv'), classify });
    await expect(missing.start(() => {})).rejects.toThrow(/RSSI log ".*nope\.csv": cannot open \(ENOENT/);
  });

  it('yields to the event loop on long logs, so stop() ends it early', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${1000 + i},a1,staff-0001,-60\n`);
    const source = new ReplayRssiSource({ text: ['ts,anchor,beacon,rssi\n', ...rows], classify });
    let n = 0;
    await source.start(() => {
      n += 1;
    });
    await new Promise((r) => setImmediate(r));
    await source.stop();
    const summary = await source.finished();
    expect(summary.stopped).toBe(true);
    expect(summary.delivered).toBe(n);
    expect(n).toBeLessThan(20_000);
  });

  it('refuses bad options', () => {
    expect(() => new ReplayRssiSource({ classify })).toThrow(/exactly one of `file` or `text`/);
    expect(() => new ReplayRssiSource({ text: [], classify, speed: 0 })).toThrow(/speed must be > 0/);
  });
});

describe('ReplayRssiSource, paced by the timestamps (virtual clock)', () => {
  function virtualClock() {
    let t = 50_000;
    const sleeps: number[] = [];
    return {
      sleeps,
      now: () => t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        t += ms;
      },
    };
  }

  it('waits (Δts / speed) between rows and never waits for rows that go back in time', async () => {
    const clock = virtualClock();
    const log =
      'ts,anchor,beacon,rssi\n1000,a1,staff-0001,-60\n3000,a1,staff-0001,-61\n2000,a1,staff-0001,-62\n7000,a1,staff-0001,-63\n';
    const deliveredAt: number[] = [];
    const source = new ReplayRssiSource({
      text: [log],
      classify,
      speed: 10,
      now: clock.now,
      sleep: clock.sleep,
    });
    await source.start(() => deliveredAt.push(clock.now()));
    await source.finished();
    expect(clock.sleeps).toEqual([200, 400]);
    expect(deliveredAt.map((t) => t - 50_000)).toEqual([0, 200, 200, 600]);
  });

  it('stop() interrupts a long wait', async () => {
    const log = 'ts,anchor,beacon,rssi\n1000,a1,staff-0001,-60\n999999999,a1,staff-0001,-61\n';
    let waiting: () => void = () => {};
    const sleepStarted = new Promise<void>((r) => {
      waiting = r;
    });
    const source = new ReplayRssiSource({
      text: [log],
      classify,
      speed: 1,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          waiting();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    await source.start(() => {});
    await sleepStarted;
    await source.stop();
    expect(await source.finished()).toEqual({ delivered: 1, strangers: 0, malformed: 0, stopped: true });
  });
});
