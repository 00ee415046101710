// The simulated demo day against its own invariants, and the formats the rest of the product reads.
import { collect, parsePosCsv, parseVisitsCsv, pointPolygonDistance } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { basketLinesCsv, posCsv, sessionsCsv, trajectoryCsvChunks, visitsCsv } from './csv-writers.js';
import { sideOf } from './floor-geometry.js';
import { segmentClearXY } from './path-smoothing.js';
import { prepareSimulation, type Simulation, simulateDay } from './simulate-day.js';
import { demoScenario, loadDemo } from './simulator-test-kit.js';
import { type DayTruth, samplesOf, type Trajectory, visitRows } from './truth.js';

describe('a simulated demo day', () => {
  let sim: Simulation;
  let day: DayTruth;
  beforeAll(async () => {
    sim = prepareSimulation(await loadDemo());
    day = simulateDay(sim, 0);
  });

  const eachSample = (t: Trajectory, f: (x: number, y: number, i: number) => void) => {
    for (let i = 0; 2 * i + 1 < t.xy.length; i++) f(t.xy[2 * i]!, t.xy[2 * i + 1]!, i);
  };

  it('has about the expected arrivals and a transaction for nearly everyone', () => {
    expect(Math.abs(day.shoppers.length - 1500)).toBeLessThan(4 * Math.sqrt(1500));
    const transactions = new Set(day.posLines.map((l) => l.transactionId));
    expect(transactions.size).toBe(day.shoppers.filter((s) => s.basket.length > 0).length);
    expect(transactions.size).toBeGreaterThan(0.9 * day.shoppers.length);
    expect(sim.warnings).toEqual([]);
  });

  it('keeps every shopper and staff sample on walkable floor, at walking pace', () => {
    const world = sim.worldFor(0);
    let samples = 0;
    let unclear = 0;
    for (const [grid, t] of [
      ...day.shoppers.map((s) => [world.grid, s.trajectory!] as const),
      ...day.staff.map((s) => [world.staffGrid, s.trajectory!] as const),
    ]) {
      let px = Number.NaN;
      let py = Number.NaN;
      eachSample(t, (x, y, i) => {
        samples++;
        const [col, row] = grid.cellOf(x, y);
        if (!grid.isWalkable(col, row))
          throw new Error(`sample ${i} at (${x}, ${y}) is off the walkable floor`);
        // 1.4 m/s at most, +5%, plus sway: never more than 1.2 m in half a second.
        if (i > 0 && Math.hypot(x - px, y - py) > 1.2) throw new Error(`sample ${i} at (${x}, ${y}) jumps`);
        if (i > 0 && !segmentClearXY(grid, px, py, x, y)) unclear++;
        px = x;
        py = y;
      });
    }
    expect(samples).toBeGreaterThan(1_000_000);
    // Between two samples the straight chord may clip a shelf corner the walk went round; rarely.
    expect(unclear / samples).toBeLessThan(0.005);
  });

  it('counts everyone in and out at the entrances, crossing the counting lines in the trajectories', () => {
    const inCount = day.entranceCounts.reduce((s, c) => s + c.in, 0);
    const outCount = day.entranceCounts.reduce((s, c) => s + c.out, 0);
    expect(inCount).toBe(day.shoppers.length);
    expect(outCount).toBe(day.shoppers.length);
    for (const c of day.entranceCounts) {
      expect(c.in).toBe(day.shoppers.filter((s) => s.entranceId === c.entranceId).length);
      expect(c.out).toBe(day.shoppers.filter((s) => s.exitEntranceId === c.entranceId).length);
    }
    const side = (entranceId: string, x: number, y: number) => {
      const e = sim.worldFor(0).layout.entrances.find((d) => d.id === entranceId)!;
      return Math.sign(sideOf(e.line[0], e.line[1], [x, y])) * (e.inside === 'left' ? 1 : -1);
    };
    for (const s of day.shoppers) {
      const t = s.trajectory!;
      const n = t.xy.length / 2;
      expect(side(s.entranceId, t.xy[0]!, t.xy[1]!)).toBe(-1);
      expect(side(s.exitEntranceId, t.xy[2 * n - 2]!, t.xy[2 * n - 1]!)).toBe(-1);
      expect(s.enterTs).toBeGreaterThanOrEqual(t.startTs - t.intervalMs);
      expect(s.exitTs).toBeLessThanOrEqual(t.startTs + n * t.intervalMs);
    }
    expect(day.crossings).toHaveLength(2 * day.shoppers.length);
  });

  it('writes zone visits the visits parser accepts, loyalty ids only for app-and-card shoppers', async () => {
    const rows = visitRows(day);
    const { rows: parsed, issues } = await collect(parseVisitsCsv([visitsCsv(rows)]));
    expect(issues).toEqual([]);
    expect(parsed).toEqual(rows);
    const zoneIds = new Set(sim.worldFor(0).layout.zones.map((z) => z.id));
    const linked = new Set(
      day.shoppers.filter((s) => s.identity.appOptedIn && s.identity.presentsCard).map((s) => s.sessionId),
    );
    for (const v of parsed) {
      expect(zoneIds.has(v.zoneId)).toBe(true);
      expect(v.zoneId).not.toBe('back-room');
      expect(v.loyaltyId !== undefined).toBe(linked.has(v.sessionId));
    }
    expect(linked.size).toBeGreaterThan(0);
    const first = new Map<string, string>();
    for (const v of parsed) if (!first.has(v.sessionId)) first.set(v.sessionId, v.zoneId);
    expect(new Set(first.values())).toEqual(new Set(['entrance-lobby', 'diy']));
  });

  it('writes POS lines the POS parser accepts, one transaction per paying shopper, no staff', async () => {
    const { rows, issues } = await collect(parsePosCsv([posCsv(day.posLines)]));
    expect(issues).toEqual([]);
    expect(rows).toEqual(day.posLines);
    const byTx = new Map<string, string[]>();
    for (const l of rows) byTx.set(l.transactionId, [...(byTx.get(l.transactionId) ?? []), l.sku]);
    const linesOf = new Map<string, typeof rows>();
    for (const l of rows) linesOf.set(l.transactionId, [...(linesOf.get(l.transactionId) ?? []), l]);
    for (const s of day.shoppers) {
      if (s.basket.length === 0) {
        expect(s.transactionId).toBeUndefined();
        continue;
      }
      expect(byTx.get(s.transactionId!)).toEqual(s.basket.map((l) => l.sku));
      for (const l of linesOf.get(s.transactionId!)!) {
        expect(l.loyaltyId).toBe(s.identity.presentsCard ? s.identity.loyaltyId : undefined);
        expect(l.timestamp).toBeGreaterThan(s.enterTs);
        expect(l.timestamp).toBeLessThan(s.exitTs);
        expect(l.storeId).toBe('demo-supermarket');
      }
    }
    const staffIds = day.staff.flatMap((s) => [s.staffId, s.beaconId ?? '']);
    expect(rows.some((l) => staffIds.includes(l.loyaltyId ?? '') || staffIds.includes(l.transactionId))).toBe(
      false,
    );
    expect(day.staff.map((s) => s.beaconId)).toEqual(['staff-0001', 'staff-0002', 'staff-0003']);
  });

  it('takes every item off a fixture that stocks it, while standing next to it', () => {
    const layout = sim.worldFor(0).layout;
    for (const s of day.shoppers.slice(0, 300)) {
      const t = s.trajectory!;
      for (const line of s.basket) {
        const fixture = layout.fixtures.find((f) => f.id === line.fixtureId)!;
        expect(fixture.skus).toContain(line.sku);
        const i = Math.min(
          t.xy.length / 2 - 1,
          Math.max(0, Math.round((line.ts - t.startTs) / t.intervalMs)),
        );
        expect(pointPolygonDistance([t.xy[2 * i]!, t.xy[2 * i + 1]!], fixture.polygon)).toBeLessThan(2.5);
      }
    }
  });

  it('sends staff between the back room and the floor', () => {
    const back = sim.worldFor(0).layout.zones.find((z) => z.id === 'back-room')!;
    for (const s of day.staff) {
      let inBack = 0;
      let onFloor = 0;
      for (const p of samplesOf(s.trajectory!)) {
        if (pointPolygonDistance([p.x, p.y], back.polygon) === 0) inBack++;
        else onFloor++;
      }
      expect(inBack).toBeGreaterThan(1000);
      expect(onFloor).toBeGreaterThan(1000);
    }
  });

  it('states the planted pairs with the walking distances of the day', () => {
    const byName = new Map(day.plantedPairs.map((p) => [p.name, p]));
    const paint = byName.get('paint-brushes')!;
    const wall = paint.fixturePairs.find((p) => p.a === 'diy-paint-wall' && p.b === 'hh-endcap-brushes')!;
    expect(wall.metres).toBeGreaterThan(30);
    expect(wall.metres).toBeLessThan(36);
    const pasta = byName.get('pasta-sauces')!;
    expect(
      pasta.fixturePairs.find((p) => p.a === 'pantry-pasta' && p.b === 'pantry-sauces')!.metres,
    ).toBeCloseTo(5, 6);
    expect(day.coldZones).toEqual([{ zoneId: 'frozen', factor: 0.1 }]);
  });
});

describe('determinism', () => {
  const render = (day: DayTruth) =>
    [
      posCsv(day.posLines),
      visitsCsv(visitRows(day)),
      sessionsCsv(day),
      basketLinesCsv(day),
      ...trajectoryCsvChunks(day),
    ].join('\n');

  it('gives the same seed the same day, to the millimetre, and another seed another day', async () => {
    const demo = await loadDemo();
    const small = await demoScenario({ arrivals: { perDay: 120 }, days: 2, staff: { count: 1 } });
    const run = (seed: number, dayIndex: number) =>
      render(simulateDay(prepareSimulation({ ...demo, scenario: { ...small, seed } }), dayIndex));
    const a = run(7, 1);
    expect(run(7, 1)).toBe(a);
    expect(run(8, 1)).not.toBe(a);
    expect(run(7, 0)).not.toBe(a);
  });
});
