// Store overview (the store manager's page): the floor plan with the heatmap for a time range, live
// while the range includes now; people in and out over time; hot and cold zones; the zone table.
import { api, query, storePath } from '../api.js';
import { chart, countsOption } from '../charts.js';
import { announce, field, fmt, h, table } from '../dom.js';
import { floorPlan, heatLegend } from '../floor-plan.js';
import { liveRefresh } from '../live.js';
import { formatDay, formatTime, rangeControl, rangeOf, todaySelection } from '../time-range.js';

export async function render(root, ctx) {
  const layout = await ctx.layout();
  const { storeId, timezone: tz } = ctx.store;
  let sel = todaySelection(tz);
  const plan = floorPlan(layout, { label: 'Heatmap of shoppers over the floor plan' });
  const counts = chart(
    'Bar and line chart of people coming in and going out over time',
    'chart counts-chart',
  );
  ctx.onCleanup(() => counts.dispose());
  const resolution = h(
    'select',
    {},
    ['', '1', '2'].map((v) => h('option', { value: v }, v ? `${v} m` : 'As recorded')),
  );
  const live = h('span', { className: 'badge live', hidden: true }, 'Live');
  const kpis = h('dl', { className: 'kpis' });
  const coverageNote = h('p', { className: 'coverage-note entrances-coverage', role: 'note', hidden: true });
  const hotCold = h('div', { className: 'hot-cold' });
  const unseenKey = h(
    'div',
    { className: 'legend', hidden: true },
    h('span', { className: 'swatch unseen' }),
    h('span', {}, 'no camera'),
  );
  const zonesBox = h('div', { className: 'table-wrap' });
  const exportsBox = h('p', { className: 'exports' });

  root.append(
    h(
      'div',
      { className: 'toolbar' },
      rangeControl(sel, (next) => {
        sel = next;
        void refresh();
        syncLive();
      }),
      field('Heatmap cells', resolution),
      live,
    ),
    h(
      'div',
      { className: 'grid-2' },
      h(
        'section',
        { className: 'card', 'aria-labelledby': 'heat-title' },
        h('h2', { id: 'heat-title' }, 'Where shoppers go'),
        plan.element,
        h('div', { className: 'legend-row' }, heatLegend(), unseenKey),
      ),
      h(
        'section',
        { className: 'card', 'aria-labelledby': 'counts-title' },
        h('h2', { id: 'counts-title' }, 'People in and out'),
        kpis,
        coverageNote,
        counts.el,
        h('h2', {}, 'Hot and cold zones'),
        hotCold,
      ),
    ),
    h(
      'section',
      { className: 'card', 'aria-labelledby': 'zones-title' },
      h('h2', { id: 'zones-title' }, 'Zones'),
      zonesBox,
      exportsBox,
    ),
  );
  resolution.addEventListener('change', () => void refresh());

  async function refresh() {
    const r = rangeOf(sel, tz);
    const base = { from: r.from, to: r.to };
    const [heat, zones, entrances] = await Promise.all([
      api(
        storePath(
          storeId,
          `/heatmap?${query({ ...base, period: r.heatPeriod, resolution: resolution.value })}`,
        ),
      ),
      api(storePath(storeId, `/zones?${query({ ...base, period: r.zonePeriod })}`)),
      api(storePath(storeId, `/entrances?${query({ ...base, bucket: r.bucket })}`)),
    ]);
    plan.setHeat(heat.cells, heat.maxDensity);
    showCounts(entrances, r);
    showZones(zones);
    exportsBox.replaceChildren(
      'Download: ',
      exportLink('zones.csv', { ...base, period: r.zonePeriod }, 'zone table (CSV)'),
      ' · ',
      exportLink('entrances.csv', { ...base, bucket: r.bucket }, 'counts (CSV)'),
      ' · ',
      exportLink('heatmap.png', { ...base, period: r.heatPeriod }, 'heatmap (PNG)'),
    );
    announce(`Figures updated at ${formatTime(Date.now(), tz)}.`);
  }

  function exportLink(file, params, text) {
    return h('a', { href: storePath(storeId, `/exports/${file}?${query(params)}`), download: '' }, text);
  }

  function showCounts(entrances, r) {
    const totalIn = entrances.totals.reduce((a, e) => a + e.in, 0);
    const totalOut = entrances.totals.reduce((a, e) => a + e.out, 0);
    const peak = entrances.series.reduce((best, p) => (p.in > (best?.in ?? -1) ? p : best), undefined);
    const label = (t) => (r.bucket === 'hour' ? formatTime(t, tz) : formatDay(t, tz));
    const kpi = (name, value, id) =>
      h('div', {}, h('dt', {}, name), h('dd', { dataset: { kpi: id } }, value));
    kpis.replaceChildren(
      kpi('In', fmt.int(totalIn), 'in'),
      kpi('Out', fmt.int(totalOut), 'out'),
      kpi(r.bucket === 'hour' ? 'Busiest hour' : 'Busiest day', peak ? label(peak.start) : '—', 'peak'),
    );
    counts.set(countsOption(entrances.series, label));
    showCoverage(entrances.coverage);
  }

  /** Entrances the cameras cannot count (wholly or in part): In and Out leave their shoppers out. */
  function showCoverage(coverage) {
    const none = coverage.filter((c) => c.level === 'none');
    const partial = coverage.filter((c) => c.level === 'partial');
    const names = (cs) => cs.map((c) => c.name).join(', ');
    const lines = [
      none.length &&
        `Not counted: ${names(none)}. No camera sees shoppers cross ${none.length === 1 ? 'its counting line' : 'their counting lines'}, so those who use ${none.length === 1 ? 'it' : 'them'} are missing from In and Out.`,
      ...partial.map(
        (c) =>
          `Partly counted: ${c.name}. Cameras see ${fmt.pct(c.seen)} of its counting line, so its counts read low.`,
      ),
    ].filter(Boolean);
    coverageNote.hidden = lines.length === 0;
    coverageNote.replaceChildren(lines.join(' '));
  }

  function showZones(body) {
    const hot = body.zones.filter((z) => z.temperature === 'hot');
    const cold = body.zones.filter((z) => z.temperature === 'cold');
    const marks = plan.layer('temperature');
    for (const z of hot) marks.append(plan.outline(z.zoneId, 'mark-hot'));
    for (const z of cold) marks.append(plan.outline(z.zoneId, 'mark-cold'));
    // Zones no camera sees are greyed: an empty heatmap there is not an empty zone.
    const unseenMarks = plan.layer('coverage', { underLabels: true });
    const unseenZones = body.zones.filter((z) => z.coverage?.level === 'none' && z.kind !== 'staff-only');
    for (const z of unseenZones) unseenMarks.append(plan.outline(z.zoneId, 'mark-unseen'));
    unseenKey.hidden = unseenZones.length === 0;
    const list = (title, zs, cls) =>
      h(
        'div',
        { className: cls },
        h('h3', {}, title),
        zs.length
          ? h(
              'ul',
              { className: 'zone-list' },
              zs.map((z) => h('li', {}, z.name)),
            )
          : h('p', {}, 'None'),
      );
    hotCold.replaceChildren(list('Hot', hot, 'hot'), list('Cold', cold, 'cold'));
    const shown = body.zones.filter((z) => z.kind !== 'staff-only');
    // A zone no camera sees has no figures: its zero is not traffic, and it is never called cold.
    const inView = (z) => z.coverage?.level !== 'none';
    const unseen = shown.filter((z) => !inView(z));
    const shared = shown.filter((z) => (z.coverage?.sharedByGateways ?? 0) > 0);
    zonesBox.replaceChildren(
      unseen.length
        ? h(
            'p',
            { className: 'coverage-note zones-coverage', role: 'note' },
            `Not in view: ${unseen.map((z) => z.name).join(', ')}. No camera sees ${unseen.length === 1 ? 'this zone' : 'these zones'}, so ${unseen.length === 1 ? 'it has' : 'they have'} no traffic figures. ` +
              'Hot and cold compare the zones the cameras see at least half of.',
          )
        : '',
      shared.length
        ? h(
            'p',
            { className: 'coverage-note zones-shared', role: 'note' },
            `Counted twice in part: ${shared.map((z) => `${z.name} (${sharedShare(z)} of its floor)`).join(', ')}. ` +
              'Cameras of two gateways see that floor and each counts a shopper there, so traffic reads high; ' +
              'IT can put those cameras on one gateway.',
          )
        : '',
      table({
        caption:
          `Traffic is entries into the zone; exposure, the share of shoppers coming in who entered it, each once however often a camera saw them come back (≤: counted from entries, where a gateway does not tell)${body.conversionAvailable ? '' : '; conversion needs the analytics service'}. In view is the share of the zone's floor the cameras see, and a zone seen in part reads low. ` +
          'For privacy, a zone is reported only once k shoppers have been seen there; a quiet zone is counted a few minutes late, and what stays under k for a whole hour is left out.',
        columns: [
          { label: 'Zone', value: (z) => z.name },
          { label: 'Traffic', numeric: true, value: (z) => (inView(z) ? fmt.int(z.visits) : 'not in view') },
          {
            label: 'In view',
            numeric: true,
            value: (z) => (z.coverage ? fmt.pct(Math.round(z.coverage.seen * 100) / 100) : '—'),
          },
          { label: 'Avg dwell', numeric: true, value: (z) => fmt.seconds(z.avgDwellS) },
          { label: 'Stop rate', numeric: true, value: (z) => fmt.pct(z.stopRate) },
          { label: 'Exposure', numeric: true, value: (z) => (inView(z) ? exposure(z) : '—') },
          { label: 'Conversion', numeric: true, value: (z) => fmt.pct(z.conversion) },
          {
            label: 'Status',
            value: (z) =>
              z.temperature && z.temperature !== 'normal'
                ? h('span', { className: `tag ${z.temperature}` }, z.temperature)
                : '',
          },
        ],
        rows: shown,
        className: 'data zones-table',
      }),
    );
  }

  let stopLive;
  function syncLive() {
    const r = rangeOf(sel, tz);
    const now = Date.now();
    const wanted = ctx.services?.live && r.from <= now && now < r.to;
    if (wanted && !stopLive) {
      stopLive = liveRefresh({
        storeId,
        kinds: ['heatmap', 'zones', 'counts'],
        refresh: () => void refresh(),
        onState: (on) => {
          live.hidden = !on;
        },
      });
    } else if (!wanted && stopLive) {
      stopLive();
      stopLive = undefined;
      live.hidden = true;
    }
  }
  ctx.onCleanup(() => stopLive?.());

  await refresh();
  syncLive();
}

/** The share of a zone's floor that cameras of several gateways see, at least "1%" when there is any. */
function sharedShare(z) {
  return `${Math.max(1, Math.round(z.coverage.sharedByGateways * 100))}%`;
}

/** A zone's exposure; from entries alone (older gateways) it can only be an upper bound. */
function exposure(z) {
  if (z.exposure === null) return '—';
  return z.exposureBasis === 'visits' ? `≤ ${fmt.pct(z.exposure)}` : fmt.pct(z.exposure);
}
