// Hour and day boundaries in a store's own time zone: the hub's roll-ups, which a manager reads as
// "today", and the gateway's k-hold, which never carries a quiet zone past the hour.
// Pure: Intl supplies the zone rules, no clock is read.

export type Period = 'hour' | 'day';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Offsets change only at DST transitions, which fall on whole minutes; within one UTC minute the
// offset is fixed, so it is remembered per (zone, minute). Ingest asks this four times per window.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_MAX = 4096;

/** The zone's offset from UTC at instant `ts`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ts: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ts / 60_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = computeZoneOffsetMs(ts, timeZone);
  if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

function computeZoneOffsetMs(ts: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ts))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(ts / 1000) * 1000) / 60_000) * 60_000;
}

/** Start (epoch ms) of the local hour or day that contains `ts`. */
export function periodStart(ts: number, period: Period, timeZone: string): number {
  const offset = zoneOffsetMs(ts, timeZone);
  const local = ts + offset;
  const unit = period === 'hour' ? 3_600_000 : 86_400_000;
  const localStart = Math.floor(local / unit) * unit;
  // Re-read the offset at the boundary itself: it differs when a DST change falls inside the period.
  const guess = localStart - offset;
  return localStart - zoneOffsetMs(guess, timeZone);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
