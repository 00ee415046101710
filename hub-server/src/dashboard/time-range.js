// Time ranges in the store's own time zone (a day starts at the store's midnight, whatever the
// browser's zone), and the range control: a day, an hour span within it, or the last 7 / 28 days.
import { field, h } from './dom.js';

const HOUR = 3_600_000;

function partsIn(t, timeZone) {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour, mm: +p.minute, ss: +p.second };
}

/** Offset of the zone from UTC at instant t, ms. */
function offsetAt(t, timeZone) {
  const p = partsIn(t, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - Math.floor(t / 1000) * 1000;
}

/** Epoch ms of the store's local midnight starting day `date` (YYYY-MM-DD). */
export function localMidnight(date, timeZone) {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

export function localDate(t, timeZone) {
  const p = partsIn(t, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function formatTime(t, timeZone, withDate = false) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(withDate && { day: 'numeric', month: 'short' }),
  }).format(new Date(t));
}

export function formatDay(t, timeZone) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(t));
}

/**
 * The range a selection means: [from, to) in epoch ms, and the grains to read it at (an hourly
 * series for one day, daily for more).
 */
export function rangeOf(sel, timeZone) {
  const days = sel.span;
  const firstDay = addDays(sel.date, 1 - days);
  const from = localMidnight(firstDay, timeZone) + (days === 1 ? sel.fromHour * HOUR : 0);
  const to =
    days === 1
      ? localMidnight(sel.date, timeZone) + sel.toHour * HOUR
      : localMidnight(addDays(sel.date, 1), timeZone);
  // Raw windows only for short spans: a day of them is thousands of payloads to sum per refresh,
  // while the hourly roll-ups (kept current as windows arrive) give the same cells.
  return {
    from,
    to,
    heatPeriod: to - from <= 3 * HOUR ? 'window' : 'hour',
    zonePeriod: 'hour',
    bucket: days === 1 ? 'hour' : 'day',
  };
}

export function todaySelection(timeZone, now = Date.now()) {
  return { date: localDate(now, timeZone), fromHour: 0, toHour: 24, span: 1 };
}

/** The control; calls `onChange(selection)` on every change. */
export function rangeControl(initial, onChange) {
  let sel = { ...initial };
  const hours = (from) =>
    Array.from({ length: 25 }, (_, i) => i)
      .filter((i) => (from ? i < 24 : i > 0))
      .map((i) => h('option', { value: String(i) }, `${String(i).padStart(2, '0')}:00`));
  const date = h('input', { type: 'date', value: sel.date, required: true });
  const fromHour = h('select', {}, hours(true));
  const toHour = h('select', {}, hours(false));
  const span = h(
    'select',
    {},
    h('option', { value: '1' }, 'One day'),
    h('option', { value: '7' }, '7 days to'),
    h('option', { value: '28' }, '28 days to'),
  );
  fromHour.value = String(sel.fromHour);
  toHour.value = String(sel.toHour);
  span.value = String(sel.span);
  const sync = () => {
    fromHour.disabled = toHour.disabled = sel.span !== 1;
  };
  const changed = () => {
    const f = Number(fromHour.value);
    const t = Math.max(f + 1, Number(toHour.value));
    toHour.value = String(t);
    sel = { date: date.value || sel.date, fromHour: f, toHour: t, span: Number(span.value) };
    sync();
    onChange(sel);
  };
  for (const c of [date, fromHour, toHour, span]) c.addEventListener('change', changed);
  sync();
  return h(
    'fieldset',
    { className: 'range' },
    h('legend', {}, 'Time range'),
    field('Period', span),
    field('Day', date),
    field('From', fromHour),
    field('To', toHour),
  );
}
