// `edge-agent emulate` run twice on the same day against a real broker: the second run resumes where
// the first was stopped, so no window of any gateway is published twice and none is left out; a day
// played to its end is not played again, and --restart-day plays it from opening time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeMessage } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulate } from '../src/commands/emulate.js';
import { DayProgressFile } from '../src/emulator/day-progress.js';
import { scenarioSchema } from '../src/simulator/scenario-schema.js';
import { tradingDay } from '../src/simulator/scenario-time.js';
import { scenarioPath } from '../src/simulator/simulator-test-kit.js';
import { startTestBroker, type TestBroker } from './test-broker.js';

const DATE = '2031-05-20';
const WINDOW_MS = 60_000;
/** Kinds every window has (paths only when someone walked a path). */
const KINDS = ['heatmap', 'zones', 'counts', 'metrics'] as const;

interface Published {
  msgId: string;
  gatewayId: string;
  kind: string;
  windowStart: number;
}

describe('edge-agent emulate, run again on the same day', () => {
  let broker: TestBroker;
  let hub: mqtt.MqttClient;
  let dir: string;
  let scenarioFile: string;
  let key: { scenario: string; seed: number; dayIndex: number; date: string };
  let openMs: number;
  const received = new Map<string, Published>();

  beforeAll(async () => {
    broker = await startTestBroker();
    dir = await mkdtemp(path.join(tmpdir(), 'emulate-resume-'));
    // demo-day, shortened to twenty minutes with a few shoppers: a day that plays in seconds.
    const demo = scenarioPath('demo-day');
    const raw = JSON.parse(await readFile(demo, 'utf8'));
    const scenario = {
      ...raw,
      name: 'resume-test',
      layout: path.resolve(path.dirname(demo), raw.layout),
      catalogue: path.resolve(path.dirname(demo), raw.catalogue),
      openingHours: { open: '07:00', close: '07:20' },
      arrivals: { ...raw.arrivals, perDay: 40, peaks: [], lastEntryMinutesBeforeClose: 8 },
    };
    scenarioFile = path.join(dir, 'scenario.json');
    await writeFile(scenarioFile, JSON.stringify(scenario));
    key = { scenario: scenario.name, seed: scenario.seed, dayIndex: 0, date: DATE };
    openMs = tradingDay(scenarioSchema.parse({ ...scenario, startDate: DATE }), 0).openMs;

    hub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    hub.on('message', (topic, payload) => {
      const d = decodeMessage(topic, payload);
      if (!d.ok || !('windowStart' in d.message)) return;
      const m = d.message as { msgId: string; gatewayId: string; windowStart: number };
      // QoS 1 may deliver a message again: the same msgId is the same message.
      received.set(m.msgId, {
        msgId: m.msgId,
        gatewayId: m.gatewayId,
        kind: d.kind,
        windowStart: m.windowStart,
      });
    });
    await hub.subscribeAsync('retail/v1/demo-supermarket/+/+', { qos: 1 });
  });

  afterAll(async () => {
    await hub?.endAsync();
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = (stop?: AbortSignal, extra: Record<string, unknown> = {}) =>
    emulate(
      {
        scenario: scenarioFile,
        speed: '600',
        fps: '1',
        date: DATE,
        'mqtt-url': broker.url,
        'data-dir': path.join(dir, 'emulator'),
        ...extra,
      },
      { LOG_LEVEL: 'warn' },
      stop,
    );
  const progress = () => new DayProgressFile(path.join(dir, 'emulator'), key).load();
  const all = () => [...received.values()];
  const startsOf = (list: Published[], gatewayId: string, kind: string) =>
    list
      .filter((p) => p.gatewayId === gatewayId && p.kind === kind)
      .map((p) => p.windowStart)
      .sort((a, b) => a - b);
  const windowsFrom = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i * WINDOW_MS);

  it('resumes with the next window after a stop, never publishes one twice, and does not replay a finished day', async () => {
    // Run 1: stopped (as by Ctrl-C) once each gateway has published a few windows.
    const stop = new AbortController();
    const first = run(stop.signal);
    await waitFor(
      () => ['gw-front', 'gw-back'].map((gw) => startsOf(all(), gw, 'metrics').length),
      (counts) => counts.every((n) => n >= 4),
      20_000,
    );
    stop.abort();
    expect(await first).toBe(0);
    const afterFirst = await progress();
    expect(Object.keys(afterFirst).sort()).toEqual(['gw-back', 'gw-front']);
    const resumeTs = afterFirst['gw-front']!.resumeTs;
    expect(afterFirst['gw-back']!.resumeTs).toBe(resumeTs);
    expect(afterFirst['gw-front']!.complete).toBe(false);
    expect((resumeTs - openMs) % WINDOW_MS).toBe(0);
    expect(resumeTs).toBeGreaterThanOrEqual(openMs + 4 * WINDOW_MS);
    // Everything of run 1 is in: every window from opening up to the resume point, nothing after it.
    const expectedFirst = windowsFrom(openMs, (resumeTs - openMs) / WINDOW_MS);
    await waitFor(
      () => ['gw-front', 'gw-back'].flatMap((gw) => KINDS.map((k) => startsOf(all(), gw, k).length)),
      (counts) => counts.every((n) => n >= expectedFirst.length),
    );
    const firstRun = all();
    for (const gw of ['gw-front', 'gw-back'])
      for (const kind of KINDS) expect(startsOf(firstRun, gw, kind)).toEqual(expectedFirst);

    // Run 2: the same day again, to its end.
    expect(await run()).toBe(0);
    const afterSecond = await progress();
    expect(Object.values(afterSecond).every((g) => g.complete)).toBe(true);
    const lastTs = afterSecond['gw-front']!.resumeTs;
    const expectedAll = windowsFrom(openMs, (lastTs - openMs) / WINDOW_MS);
    await waitFor(
      () => ['gw-front', 'gw-back'].flatMap((gw) => KINDS.map((k) => startsOf(all(), gw, k).length)),
      (counts) => counts.every((n) => n >= expectedAll.length),
    );
    const firstIds = new Set(firstRun.map((p) => p.msgId));
    const secondRun = all().filter((p) => !firstIds.has(p.msgId));
    for (const gw of ['gw-front', 'gw-back'])
      for (const kind of KINDS) {
        // Continues with the window after the last one run 1 published, up to the end of the day.
        expect(startsOf(secondRun, gw, kind)[0]).toBe(resumeTs);
        // No window twice, none missing.
        expect(startsOf(all(), gw, kind)).toEqual(expectedAll);
      }
    const seen = new Set<string>();
    for (const p of all()) {
      const k = `${p.gatewayId}/${p.kind}/${p.windowStart}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }

    // Run 3: the day is complete; nothing is played or published.
    const before = received.size;
    expect(await run()).toBe(0);
    expect(await progress()).toEqual(afterSecond);
    expect(received.size).toBe(before);

    // --restart-day: from opening time again (the hub would count it again; that is what it is for).
    const replay = new AbortController();
    const replayed = run(replay.signal, { 'restart-day': true });
    await waitFor(
      () => all().filter((p) => p.kind === 'metrics' && p.windowStart === openMs).length,
      (n) => n >= 4,
      20_000,
    );
    replay.abort();
    expect(await replayed).toBe(0);
    expect((await progress())['gw-front']!.complete).toBe(false);
  }, 90_000);
});
