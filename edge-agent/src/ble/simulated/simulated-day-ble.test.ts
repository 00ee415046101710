// A simulated day's radio: the app users' phones advertise the loyalty app's rotating ids, staff tags
// their ids, strangers random addresses that the source drops and counts; the evaluation files parse.
import { collect, parseAnchorsJson, parseRssiCsv, parseTruthCsv } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareSimulation, simulateDay } from '../../simulator/simulate-day.js';
import { demoScenario, loadDemo } from '../../simulator/simulator-test-kit.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { BeaconRole, Reception } from '../ble-types.js';
import { anchorsOfLayout, bleEvalFiles } from './ble-eval-files.js';
import { type Emitter, emittersOfDay } from './emitters.js';
import { nodeRotatingIdFor } from './node-hmac.js';
import { SimulatedReceptionSource } from './simulated-reception-source.js';

const classify = (id: string): BeaconRole | undefined =>
  /^eid:[0-9a-f]{16}$/.test(id) ? 'loyalty' : /^staff-\d{4}$/.test(id) ? 'staff' : undefined;

describe('a simulated day over the radio', () => {
  let day: DayTruth;
  let emitters: Emitter[];
  let layout: Awaited<ReturnType<typeof loadDemo>>['layout'];
  beforeAll(async () => {
    const demo = await loadDemo();
    layout = demo.layout;
    const scenario = await demoScenario({
      openingHours: { open: '10:00', close: '11:00' },
      arrivals: { perDay: 40, lastEntryMinutesBeforeClose: 10, sameDoorFraction: 0.8 },
      shoppers: { optedInFraction: 0.4, loyaltyCardFraction: 0.45, appUsersScanCard: 0.85, memberPool: 6000 },
    });
    day = simulateDay(prepareSimulation({ ...demo, scenario }), 0);
    emitters = emittersOfDay(day, { rotatingIdFor: nodeRotatingIdFor, strangers: 5, seed: 3 });
  }, 60_000);

  it('makes an emitter of every app user, staff tag and the strangers asked for', () => {
    const app = day.shoppers.filter((s) => s.identity.appOptedIn);
    expect(app.length).toBeGreaterThan(3);
    expect(emitters.filter((e) => e.kind === 'loyalty')).toHaveLength(app.length);
    expect(emitters.filter((e) => e.kind === 'staff').map((e) => e.beaconAt(0))).toEqual([
      'staff-0001',
      'staff-0002',
      'staff-0003',
    ]);
    const strangers = emitters.filter((e) => e.kind === 'stranger');
    expect(strangers).toHaveLength(5);
    expect(strangers.every((e) => classify(e.beaconAt(e.trajectory.startTs)) === undefined)).toBe(true);
    // The app's id is the HMAC of the member secret for the 15-minute slot, and changes with it.
    const s = app[0]!;
    const e = emitters.find((x) => x.key === s.sessionId)!;
    const slot = Math.floor(s.trajectory!.startTs / 900_000);
    expect(e.beaconAt(slot * 900_000)).toBe(`eid:${nodeRotatingIdFor(s.identity.appSecret!, slot)}`);
    expect(e.beaconAt((slot + 1) * 900_000)).toBe(
      `eid:${nodeRotatingIdFor(s.identity.appSecret!, slot + 1)}`,
    );
    expect(e.beaconAt((slot + 1) * 900_000)).not.toBe(e.beaconAt(slot * 900_000));
  });

  it('delivers only registered beacons, counting the strangers it dropped', () => {
    const anchors = anchorsOfLayout(layout, 'gw-back');
    expect(anchors.length).toBeGreaterThan(2);
    expect(anchors.every((a) => layout.scanners.find((s) => s.id === a.id)?.gatewayId === 'gw-back')).toBe(
      true,
    );
    const source = new SimulatedReceptionSource({
      model: { emitters, anchors, seed: 1 },
      classify,
      now: () => 0,
      toTs: 0,
    });
    const from = day.day.openMs;
    const kept = [...source.receptions(from, from + 30 * 60_000)];
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept.every((r) => classify(r.beacon) !== undefined)).toBe(true);
    expect(source.counters.delivered).toBe(kept.length);
    expect(source.counters.strangers).toBeGreaterThan(0);
    expect(new Set(kept.map((r) => r.anchor))).toEqual(new Set(anchors.map((a) => a.id)));
  });

  it('paces delivery by the clock, at the time scale asked for', async () => {
    let now = day.day.openMs;
    const sleeps: number[] = [];
    const source = new SimulatedReceptionSource({
      model: { emitters, anchors: anchorsOfLayout(layout), seed: 1 },
      classify,
      now: () => now,
      timeScale: 60,
      toTs: day.day.openMs + 20_000,
      // A fake sleep advances sim time by what was slept × the time scale.
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms * 60;
      },
    });
    const got: Reception[] = [];
    await source.start((r) => {
      expect(r.ts).toBeLessThanOrEqual(now);
      got.push(r);
    });
    await source.done();
    expect(got.length).toBe(source.counters.delivered);
    expect(got.length).toBeGreaterThan(0);
    expect(got.at(-1)!.ts).toBeLessThan(day.day.openMs + 20_000);
    // Never slept longer than the cap, in real ms.
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(250);
    await source.stop();
  });

  it('stops when asked, mid-day', async () => {
    let now = day.day.openMs;
    const source = new SimulatedReceptionSource({
      model: { emitters, anchors: anchorsOfLayout(layout), seed: 1 },
      classify,
      now: () => now,
      toTs: day.day.closeMs,
      sleep: async (ms) => {
        now += ms;
        await new Promise((r) => setImmediate(r));
      },
    });
    let n = 0;
    await source.start(() => n++);
    while (n < 100) await new Promise((r) => setImmediate(r));
    await source.stop();
    const after = n;
    await new Promise((r) => setTimeout(r, 5));
    expect(n).toBe(after);
    expect(now).toBeLessThan(day.day.closeMs);
  });

  it('writes anchors, RSSI log and truth files the evaluation parsers read, without strangers', async () => {
    const anchors = anchorsOfLayout(layout, 'gw-back');
    const from = day.day.openMs + 15 * 60_000;
    const files = bleEvalFiles({ emitters, anchors, seed: 4 }, from, from + 60_000);
    const parsedAnchors = parseAnchorsJson(files.anchors);
    expect(parsedAnchors.issues).toEqual([]);
    expect(parsedAnchors.rows).toEqual(anchors);
    const rssi = await collect(parseRssiCsv([...files.rssi]));
    expect(rssi.issues).toEqual([]);
    expect(rssi.rows.length).toBeGreaterThan(100);
    expect(rssi.rows.every((r) => classify(r.beacon) !== undefined)).toBe(true);
    const truth = await collect(parseTruthCsv([...files.truth]));
    expect(truth.issues).toEqual([]);
    const truthBeacons = new Set(truth.rows.map((r) => r.beacon));
    expect(rssi.rows.every((r) => truthBeacons.has(r.beacon))).toBe(true);
    expect(truth.rows.every((r) => r.ts >= from && r.ts < from + 60_000)).toBe(true);
  });
});
