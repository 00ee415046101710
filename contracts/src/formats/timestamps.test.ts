import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPECTED_TIMESTAMP } from './parser-test-kit.js';
import { MAX_EPOCH_MS, parseTimestamp } from './timestamps.js';

const msOf = (text: string): number | undefined => {
  const r = parseTimestamp(text);
  return r.ok ? r.value : undefined;
};
const messageOf = (text: string): string | undefined => {
  const r = parseTimestamp(text);
  return r.ok ? undefined : r.message;
};

describe('parseTimestamp', () => {
  it('reads integer milliseconds since the epoch', () => {
    expect(parseTimestamp('1714555800000')).toEqual({ ok: true, value: 1_714_555_800_000 });
    expect(msOf('0')).toBe(0);
    expect(msOf(' 42 ')).toBe(42);
    expect(msOf(String(MAX_EPOCH_MS))).toBe(MAX_EPOCH_MS);
  });

  it('reads ISO 8601 date-times with Z or an offset', () => {
    const t = Date.UTC(2024, 4, 1, 9, 30, 0);
    expect(msOf('2024-05-01T09:30:00Z')).toBe(t);
    expect(msOf('2024-05-01t09:30:00z')).toBe(t);
    expect(msOf('2024-05-01 09:30:00Z')).toBe(t);
    expect(msOf('2024-05-01T09:30Z')).toBe(t);
    expect(msOf('2024-05-01T11:30:00+02:00')).toBe(t);
    expect(msOf('2024-05-01T11:30:00+0200')).toBe(t);
    expect(msOf('2024-05-01T11:30:00+02')).toBe(t);
    expect(msOf('2024-05-01T04:00:00-05:30')).toBe(t);
    expect(msOf('2024-05-01T09:30:00.123Z')).toBe(t + 123);
    expect(msOf('2024-05-01T09:30:00,5Z')).toBe(t + 500);
    // Beyond milliseconds is truncated, never rounded into the next second.
    expect(msOf('2024-05-01T09:30:00.9999999Z')).toBe(t + 999);
  });

  it('reads a bare date as midnight UTC, including leap days', () => {
    expect(msOf('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(msOf('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(msOf('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expect(msOf('1970-01-01')).toBe(0);
  });

  it('rejects impossible dates and times, saying why', () => {
    expect(messageOf('2024-13-45')).toBe(`${EXPECTED_TIMESTAMP}, got "2024-13-45" (month 13 does not exist)`);
    expect(messageOf('2024-04-31')).toMatch(/\(day 31 does not exist in 2024-04\)$/);
    expect(messageOf('2023-02-29')).toMatch(/\(day 29 does not exist in 2023-02\)$/);
    expect(messageOf('1900-02-29')).toMatch(/day 29 does not exist/);
    expect(messageOf('2024-05-01T24:00:00Z')).toMatch(/\(hour 24 does not exist\)$/);
    expect(messageOf('2024-05-01T09:60:00Z')).toMatch(/\(minute 60 does not exist\)$/);
    expect(messageOf('2024-05-01T09:30:61Z')).toMatch(/\(second 61 does not exist\)$/);
    expect(messageOf('2024-05-01T09:30:00+25:00')).toMatch(/offset \+25:00 does not exist/);
  });

  it('rejects a date-time without a zone, since local time is ambiguous', () => {
    expect(messageOf('2024-05-01T09:30:00')).toMatch(/\(a time zone, Z or ±hh:mm, is missing\)$/);
  });

  it('rejects times before 1970 and beyond JavaScript dates', () => {
    expect(messageOf('-5')).toMatch(/got "-5" \(before 1970-01-01\)$/);
    expect(messageOf('1969-12-31T23:59:59Z')).toMatch(/before 1970-01-01/);
    expect(messageOf(String(MAX_EPOCH_MS + 1))).toMatch(/too far in the future/);
    expect(messageOf('99999999999999999999')).toMatch(/too far in the future/);
  });

  it('rejects non-timestamps with what it expected and what it got', () => {
    expect(messageOf('12x')).toBe(`${EXPECTED_TIMESTAMP}, got "12x"`);
    expect(messageOf('')).toMatch(/got an empty value$/);
    expect(messageOf('1.5')).toMatch(/got "1.5"$/);
    expect(messageOf('1e12')).toMatch(/got "1e12"$/);
    expect(messageOf('May 1, 2024')).toMatch(/got "May 1, 2024"$/);
    expect(messageOf('2024-5-1')).toMatch(/got "2024-5-1"$/);
  });

  it('agrees with Date for every representable instant, in ms and in ISO form', () => {
    const instant = fc.date({ min: new Date(0), max: new Date(MAX_EPOCH_MS), noInvalidDate: true });
    fc.assert(
      fc.property(instant, (date) => {
        const ms = date.getTime();
        expect(msOf(String(ms))).toBe(ms);
        // toISOString writes years past 9999 as +0YYYYY, which this parser does not claim to read.
        if (date.getUTCFullYear() <= 9999) expect(msOf(date.toISOString())).toBe(ms);
      }),
    );
  });

  it('agrees with Date for any offset', () => {
    const parts = fc.record({
      ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
      offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    });
    fc.assert(
      fc.property(parts, ({ ms, offsetMinutes }) => {
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offsetMinutes);
        const two = (n: number) => String(n).padStart(2, '0');
        const zone = `${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
        expect(msOf(`${local}${zone}`)).toBe(ms);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const r = parseTimestamp(text);
        if (r.ok) expect(Number.isSafeInteger(r.value) && r.value >= 0 && r.value <= MAX_EPOCH_MS).toBe(true);
        else expect(r.message).toMatch(/^expected /);
      }),
    );
  });
});
