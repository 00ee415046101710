// Trading-day clock: a scenario's local dates and opening hours as UTC epoch milliseconds, by plain
// offsets (no time-zone database; the scenario states its UTC offset).
import { parseTimestamp } from '@retail/contracts';
import type { Scenario } from './scenario-schema.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

export interface TradingDay {
  /** 0-based day of the run. */
  index: number;
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** UTC ms of local midnight. */
  midnightMs: number;
  openMs: number;
  closeMs: number;
}

export function tradingDay(scenario: Scenario, index: number): TradingDay {
  const first = parseTimestamp(scenario.startDate);
  if (!first.ok) throw new RangeError(`startDate: ${first.message}`);
  const localMidnightAsUtc = first.value + index * MS_PER_DAY;
  const midnightMs = localMidnightAsUtc - scenario.utcOffsetMinutes * MS_PER_MINUTE;
  return {
    index,
    date: civilDate(localMidnightAsUtc),
    midnightMs,
    openMs: midnightMs + scenario.openingHours.open * MS_PER_MINUTE,
    closeMs: midnightMs + scenario.openingHours.close * MS_PER_MINUTE,
  };
}

/** `YYYY-MM-DD` of a UTC instant (H. Hinnant's civil_from_days). */
export function civilDate(ms: number): string {
  const z = Math.floor(ms / MS_PER_DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO 8601 UTC with milliseconds, e.g. `2026-03-10T08:00:00.000Z`. */
export function isoUtc(ms: number): string {
  const dayMs = ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const h = Math.floor(dayMs / 3_600_000);
  const m = Math.floor(dayMs / 60_000) % 60;
  const s = Math.floor(dayMs / 1000) % 60;
  return `${civilDate(ms)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(dayMs % 1000, 3)}Z`;
}
