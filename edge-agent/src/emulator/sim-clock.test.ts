import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, tradingDay } from '../simulator/scenario-time.js';
import { demoScenario } from '../simulator/simulator-test-kit.js';
import { rebaseScenario, SimClock, targetDate } from './sim-clock.js';

describe('SimClock', () => {
  it('stands at the start until started, then runs `speed` times faster than real time', () => {
    let real = 5_000;
    const clock = new SimClock({ startMs: 1_000_000, speed: 60, realNow: () => real });
    real += 10_000;
    expect(clock.now()).toBe(1_000_000);
    clock.start();
    real += 1000;
    expect(clock.now()).toBe(1_060_000);
    expect(clock.realDelayUntil(1_120_000)).toBe(1000);
    expect(clock.realDelayUntil(0)).toBe(0);
  });

  it('waits for the slowest consumer beyond maxLeadMs, then runs on from there without jumping', () => {
    let real = 0;
    const clock = new SimClock({ startMs: 0, speed: 100, realNow: () => real, maxLeadMs: 500 });
    clock.start();
    const slow = {};
    const fast = {};
    clock.progress(slow, 0);
    clock.progress(fast, 0);
    real = 4;
    expect(clock.now()).toBe(400);
    real = 10; // 1000 sim ms nominal, but `slow` is still at 0
    expect(clock.now()).toBe(500);
    expect(clock.heldMs).toBe(500);
    clock.progress(slow, 300);
    clock.progress(fast, 500);
    expect(clock.now()).toBe(500); // never backwards, and no jump to 800
    real = 11;
    expect(clock.now()).toBe(600);
    clock.progress(slow, undefined); // done: no longer waited for
    clock.progress(fast, undefined);
    real = 20;
    expect(clock.now()).toBe(1500);
  });

  it('goes no further than it is allowed to, runs on from there when allowed more, and freezes for good', () => {
    let real = 0;
    const clock = new SimClock({ startMs: 0, speed: 100, realNow: () => real });
    clock.allowUntil(300);
    clock.start();
    real = 10; // 1000 sim ms nominal
    expect(clock.now()).toBe(300);
    clock.allowUntil(2000);
    expect(clock.now()).toBe(300); // no jump
    real = 12;
    expect(clock.now()).toBe(500);
    expect(clock.freeze()).toBe(500);
    clock.allowUntil(Number.POSITIVE_INFINITY);
    real = 100;
    expect(clock.now()).toBe(500);
    expect(clock.realDelayUntil(600)).toBe(1);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new SimClock({ startMs: 0, speed: 0, realNow: () => 0 })).toThrow(/speed/);
  });
});

describe('the date a day is played on', () => {
  const noon = Date.UTC(2030, 4, 17, 12);

  it('is today in the scenario’s time zone, its own date, or a given one', () => {
    expect(targetDate('today', noon, 0)).toBe('2030-05-17');
    expect(targetDate('today', Date.UTC(2030, 4, 17, 23, 30), 60)).toBe('2030-05-18');
    expect(targetDate('scenario', noon, 0)).toBeUndefined();
    expect(targetDate('2031-01-02', noon, 0)).toBe('2031-01-02');
    expect(() => targetDate('2031-02-30', noon, 0)).toThrow(/YYYY-MM-DD/);
    expect(() => targetDate('tomorrow', noon, 0)).toThrow(/YYYY-MM-DD/);
  });

  it('moves the scenario so that the chosen day falls on the date, opening hours and all', async () => {
    const scenario = await demoScenario({ days: 7 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 20_000 }),
        (dayIndex, daysSinceEpochish) => {
          const date = civilDate(Date.UTC(2000, 0, 1) + daysSinceEpochish * 86_400_000);
          const before = tradingDay(scenario, dayIndex);
          const after = tradingDay(rebaseScenario(scenario, dayIndex, date), dayIndex);
          expect(after.date).toBe(date);
          expect(after.openMs - after.midnightMs).toBe(before.openMs - before.midnightMs);
          expect(after.closeMs - after.openMs).toBe(before.closeMs - before.openMs);
        },
      ),
    );
  });
});
