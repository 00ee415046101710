import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from './scenario-schema.js';
import { civilDate, isoUtc, tradingDay } from './scenario-time.js';

const scenario = (utcOffsetMinutes: number) =>
  scenarioSchema.parse({
    schema: 'retail.scenario/v1',
    name: 't',
    description: 'd',
    seed: 1,
    layout: 'l',
    catalogue: 'c',
    startDate: '2026-03-28',
    days: 3,
    utcOffsetMinutes,
    openingHours: { open: '07:00', close: '22:00' },
    arrivals: { perDay: 1 },
    shoppers: { optedInFraction: 0, loyaltyCardFraction: 0 },
  });

describe('tradingDay', () => {
  it('places opening hours by the UTC offset', () => {
    const london = tradingDay(scenario(0), 0);
    expect(isoUtc(london.openMs)).toBe('2026-03-28T07:00:00.000Z');
    expect(isoUtc(london.closeMs)).toBe('2026-03-28T22:00:00.000Z');
    const paris = tradingDay(scenario(60), 2);
    expect(paris.date).toBe('2026-03-30');
    expect(isoUtc(paris.openMs)).toBe('2026-03-30T06:00:00.000Z');
    expect(isoUtc(paris.midnightMs)).toBe('2026-03-29T23:00:00.000Z');
  });
});

describe('civilDate and isoUtc', () => {
  it('agree with the platform for any instant from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const expected = new Date(ms).toISOString();
        expect(isoUtc(ms)).toBe(expected);
        expect(civilDate(ms)).toBe(expected.slice(0, 10));
      }),
    );
  });
});
