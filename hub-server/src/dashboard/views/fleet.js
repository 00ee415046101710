// The fleet for IT: every gateway in the stores the user may see, online/offline (from its retained
// status and last will), last seen, version, fps per camera, the share of positions off the floor
// plan per gateway and, flagged, on the camera whose calibration no longer fits; outbox depth;
// refreshed as it changes.
import { api } from '../api.js';
import { fmt, h, table } from '../dom.js';
import { liveRefresh } from '../live.js';

function ago(t, now) {
  if (!t) return 'never';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/** A share of the window's shoppers' positions this large off the floor plan means a camera's calibration no longer fits. */
const OFF_FLOOR_WARNING = 0.1;

/** Share of the latest window's positions (staff aside) that fell off the floor plan. */
function offFloor(observations) {
  const counted = observations ? observations.received - observations.staff : 0;
  if (counted <= 0) return '—';
  const share = Math.min(1, observations.offFloor / counted);
  if (share < OFF_FLOOR_WARNING) return fmt.pct(share);
  return h(
    'span',
    {
      className: 'badge degraded',
      title: `${fmt.int(observations.offFloor)} of ${fmt.int(counted)} positions in the latest window were more than 1 m off the floor plan: check the cameras' calibration`,
    },
    fmt.pct(share),
  );
}

/**
 * A camera in the list: its fps (with the detector's latency and the frames dropped while it was busy
 * on hover), and a flag when many of the positions it placed fell off the floor plan.
 */
function camera(c) {
  const share = c.floor && c.floor.positions > 0 ? c.floor.offFloor / c.floor.positions : 0;
  return h(
    'li',
    {
      className: c.online ? '' : 'down',
      title: `Latest window: ${fmt.dec(c.fps)} frames a second through the detector (${fmt.int(c.detectorLatencyMs.p50)} ms median, ${fmt.int(c.detectorLatencyMs.p95)} ms p95); ${fmt.int(c.framesDropped)} frames skipped while it was busy`,
    },
    `${c.cameraId} ${fmt.dec(c.fps)}${c.online ? '' : ' (down)'}`,
    share >= OFF_FLOOR_WARNING
      ? [
          ' ',
          h(
            'span',
            {
              className: 'badge degraded',
              title: `${fmt.int(c.floor.offFloor)} of ${fmt.int(c.floor.positions)} positions this camera placed in the latest window were more than 1 m off the floor plan: check its calibration`,
            },
            `${fmt.pct(share)} off floor`,
          ),
        ]
      : '',
  );
}

export async function render(root, ctx) {
  const summary = h('p', { className: 'summary' });
  const box = h('div', { className: 'table-wrap' });
  root.append(h('section', { className: 'card' }, summary, box));

  async function refresh() {
    const body = await api('/api/v1/gateways');
    const now = Date.now();
    const s = body.summary;
    summary.replaceChildren(
      h('span', { className: 'badge online' }, `${s.online} online`),
      h('span', { className: 'badge offline' }, `${s.offline} offline`),
      h('span', { className: 'badge degraded' }, `${s.degraded} degraded`),
      s.unknown ? h('span', { className: 'badge' }, `${s.unknown} never connected`) : '',
    );
    box.replaceChildren(
      table({
        caption: 'Gateways by store',
        columns: [
          { label: 'Gateway', value: (g) => `${g.storeId} / ${g.gatewayId}` },
          {
            label: 'Status',
            value: (g) =>
              h(
                'span',
                { className: `badge ${g.state ?? 'unknown'}`, title: g.reason ?? '' },
                g.state ?? 'never connected',
              ),
          },
          { label: 'Last seen', value: (g) => ago(g.lastSeen, now) },
          { label: 'Version', value: (g) => g.version ?? '—' },
          {
            label: 'Config',
            numeric: true,
            // Pushed configs count from 1; 0 is the gateway's own file, never replaced from here.
            value: (g) =>
              g.configVersion === null
                ? '—'
                : g.configVersion === 0
                  ? h(
                      'span',
                      { title: 'Settings from the gateway’s own config file; none pushed from the hub' },
                      'local file',
                    )
                  : `v${g.configVersion}`,
          },
          {
            label: 'Cameras (fps)',
            value: (g) =>
              g.metrics?.cameras.length ? h('ul', { className: 'cams' }, g.metrics.cameras.map(camera)) : '—',
          },
          { label: 'Off floor', numeric: true, value: (g) => offFloor(g.metrics?.observations) },
          { label: 'Outbox', numeric: true, value: (g) => fmt.int(g.metrics?.outboxDepth) },
          { label: 'CPU °C', numeric: true, value: (g) => fmt.dec(g.metrics?.cpuTempC) },
        ],
        rows: body.gateways,
        className: 'data fleet-table',
      }),
    );
  }

  await refresh();
  const timer = setInterval(() => void refresh().catch(() => undefined), 30_000);
  ctx.onCleanup(() => clearInterval(timer));
  if (ctx.services?.live && ctx.store)
    ctx.onCleanup(
      liveRefresh({
        storeId: ctx.store.storeId,
        kinds: ['status', 'metrics'],
        refresh: () => void refresh(),
      }),
    );
}
