import { describe, expect, it } from 'vitest';
import { arrivalProfile, arrivalRate, sampleArrivals } from './arrivals.js';
import { streamOf } from './random-streams.js';
import { scenarioSchema } from './scenario-schema.js';
import { tradingDay } from './scenario-time.js';

const scenario = scenarioSchema.parse({
  schema: 'retail.scenario/v1',
  name: 't',
  description: 'd',
  seed: 9,
  layout: 'l',
  catalogue: 'c',
  startDate: '2026-03-10',
  openingHours: { open: '07:00', close: '22:00' },
  arrivals: {
    perDay: 1500,
    peaks: [
      { at: '12:45', widthMinutes: 50, share: 0.2 },
      { at: '17:45', widthMinutes: 75, share: 0.3 },
    ],
  },
  shoppers: { optedInFraction: 0, loyaltyCardFraction: 0 },
});
const day = tradingDay(scenario, 0);
const profile = arrivalProfile(scenario, day);
const HOUR = 3_600_000;

describe('arrivals', () => {
  it('are repeatable, sorted, whole milliseconds inside the entry window', () => {
    const a = sampleArrivals(profile, streamOf(1, 'arrivals'));
    expect(sampleArrivals(profile, streamOf(1, 'arrivals'))).toEqual(a);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((t) => Number.isInteger(t) && t >= day.openMs && t <= day.closeMs - 10 * 60_000)).toBe(
      true,
    );
  });

  it('number about perDay (Poisson: within four standard deviations)', () => {
    for (let seed = 0; seed < 5; seed++) {
      const n = sampleArrivals(profile, streamOf(seed, 'arrivals')).length;
      expect(Math.abs(n - 1500)).toBeLessThan(4 * Math.sqrt(1500));
    }
  });

  it('crowd into the peaks as the intensity says', () => {
    const times = Array.from({ length: 10 }, (_, s) => sampleArrivals(profile, streamOf(s, 'a'))).flat();
    const inHour = (start: number) => times.filter((t) => t >= start && t < start + HOUR).length / 10;
    const expectedIn = (start: number) => {
      let sum = 0;
      for (let t = start; t < start + HOUR; t += 60_000) sum += arrivalRate(profile, t + 30_000) * 60_000;
      return sum;
    };
    const evening = day.midnightMs + 17.25 * HOUR;
    const morning = day.midnightMs + 8 * HOUR;
    expect(inHour(evening)).toBeGreaterThan(2 * inHour(morning));
    for (const start of [morning, evening, day.midnightMs + 12.25 * HOUR]) {
      expect(Math.abs(inHour(start) - expectedIn(start))).toBeLessThan(0.15 * expectedIn(start));
    }
  });

  it('has an intensity that integrates to perDay and is zero outside the window', () => {
    let sum = 0;
    for (let t = profile.fromMs; t < profile.toMs; t += 10_000)
      sum += arrivalRate(profile, t + 5000) * 10_000;
    expect(sum).toBeCloseTo(1500, 0);
    expect(arrivalRate(profile, day.openMs - 1)).toBe(0);
    expect(arrivalRate(profile, day.closeMs)).toBe(0);
  });
});
