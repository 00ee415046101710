import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, periodStart, zoneOffsetMs } from './store-periods.js';

describe('periods', () => {
  it('finds local hour and day starts', () => {
    const ts = Date.UTC(2026, 6, 15, 13, 42, 10); // 14:42 in London (BST)
    expect(zoneOffsetMs(ts, 'Europe/London')).toBe(3_600_000);
    expect(periodStart(ts, 'hour', 'UTC')).toBe(Date.UTC(2026, 6, 15, 13));
    expect(periodStart(ts, 'day', 'Europe/London')).toBe(Date.UTC(2026, 6, 14, 23));
    expect(periodStart(ts, 'day', 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 4));
    expect(periodStart(ts, 'hour', 'Asia/Kolkata')).toBe(Date.UTC(2026, 6, 15, 13, 30));
  });

  it('handles the day of a DST change', () => {
    const ts = Date.UTC(2026, 2, 29, 12); // London springs forward at 01:00 UTC that day
    expect(periodStart(ts, 'day', 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 0));
  });

  it('property: the start is at or before ts, and less than a day before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }),
        fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
        fc.constantFrom('hour' as const, 'day' as const),
        (ts, tz, period) => {
          const start = periodStart(ts, period, tz);
          expect(start).toBeLessThanOrEqual(ts);
          expect(ts - start).toBeLessThan(period === 'hour' ? 3_600_000 : 25 * 3_600_000);
          expect(periodStart(start, period, tz)).toBe(start);
        },
      ),
    );
  });

  it('recognises time zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
