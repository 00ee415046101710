// Timestamps in data files: integer milliseconds since the Unix epoch, or an ISO 8601 date-time with a zone
// (a bare date means midnight UTC). Calendar checks are by hand: Date.parse rolls 2024-02-30 over.
import { describeText, type ValueResult } from './cell-values.js';

/** Same bounds as the wire contract's epochMsSchema: from 1970 to the last date JavaScript can represent. */
export const MAX_EPOCH_MS = 8.64e15;

const INTEGER = /^[+-]?\d+$/;
const ISO = new RegExp(
  [
    String.raw`^(\d{4})-(\d{2})-(\d{2})`, // date
    String.raw`(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`, // time, seconds and fraction optional
    String.raw`(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$`, // zone: optional here for a precise message later
  ].join(''),
);

const MS_PER_DAY = 86_400_000;

function fail(text: string, why?: string): ValueResult<number> {
  const what = 'an integer number of milliseconds or an ISO 8601 date-time like 2024-05-01T09:30:00Z';
  return { ok: false, message: `expected ${what}, got ${describeText(text)}${why ? ` (${why})` : ''}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 (H. Hinnant's days_from_civil); Date.UTC would map years 0-99 to 19xx. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function inEpochRange(ms: number, text: string): ValueResult<number> {
  if (ms < 0) return fail(text, 'before 1970-01-01');
  if (ms > MAX_EPOCH_MS) return fail(text, 'too far in the future');
  return { ok: true, value: ms };
}

/** Epoch milliseconds, or a message saying what was expected and what was found. */
export function parseTimestamp(text: string): ValueResult<number> {
  const trimmed = text.trim();
  if (INTEGER.test(trimmed)) {
    const ms = Number(trimmed);
    return Number.isSafeInteger(ms)
      ? inEpochRange(ms === 0 ? 0 : ms, text)
      : fail(text, 'too far in the future');
  }
  const m = ISO.exec(trimmed);
  if (!m) return fail(text);
  const [, y, mo, d, hh, mi, ss, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return fail(text, `month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(text, `day ${d} does not exist in ${y}-${mo}`);
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (hh === undefined || mi === undefined) return inEpochRange(ms, text);

  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss ?? '0');
  if (hour > 23) return fail(text, `hour ${hh} does not exist`);
  if (minute > 59) return fail(text, `minute ${mi} does not exist`);
  if (second > 59) return fail(text, `second ${ss} does not exist`);
  if (z === undefined && sign === undefined) return fail(text, 'a time zone, Z or ±hh:mm, is missing');
  // Digits beyond milliseconds are truncated, never rounded, so a time never moves into the next second.
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  ms += ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (sign !== undefined) {
    const offHours = Number(oh);
    const offMinutes = Number(om ?? '0');
    if (offHours > 23 || offMinutes > 59) {
      return fail(text, `time zone offset ${/[+-][\d:]+$/.exec(trimmed)?.[0]} does not exist`);
    }
    ms -= (sign === '-' ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
  }
  return inEpochRange(ms, text);
}
