// Provisioning for IT: MQTT credentials for the store's gateways (the password is shown once), one-time
// enrolment codes with their QR, revocation, and configuration pushed to one gateway or all of the
// store's (kept by the broker until each gateway next connects).
import { api, storePath } from '../api.js';
import { field, h, problemText, table } from '../dom.js';

export async function render(root, ctx) {
  const layout = await ctx.layout();
  const storeId = ctx.store.storeId;
  const secret = h('div', { className: 'secret', 'aria-live': 'polite' });
  const listBox = h('div', { className: 'table-wrap' });

  async function refreshList() {
    const { gateways } = await api(storePath(storeId, '/gateways'));
    const known = new Map(gateways.map((g) => [g.gatewayId, g]));
    const ids = [...new Set([...layout.gateways.map((g) => g.id), ...known.keys()])];
    listBox.replaceChildren(
      table({
        caption: 'Gateways of this store (from its layout and the hub’s registry)',
        columns: [
          { label: 'Gateway', value: (id) => id },
          { label: 'Name', value: (id) => layout.gateways.find((g) => g.id === id)?.name ?? '' },
          { label: 'Credentials', value: (id) => (known.get(id)?.provisioned ? 'provisioned' : 'none') },
          {
            label: 'Action',
            value: (id) =>
              h(
                'div',
                { className: 'actions' },
                h(
                  'button',
                  { type: 'button', onclick: () => provision(id, known.get(id)?.provisioned) },
                  known.get(id)?.provisioned ? 'Replace credentials' : 'Create credentials',
                ),
                h('button', { type: 'button', onclick: () => enrolmentCode(id) }, 'Enrolment code'),
                known.get(id)?.provisioned
                  ? h('button', { type: 'button', onclick: () => revoke(id) }, 'Revoke')
                  : null,
              ),
          },
        ],
        rows: ids,
        className: 'data provision-table',
      }),
    );
    gatewaySelect.replaceChildren(
      ...ids.filter((id) => known.get(id)?.provisioned).map((id) => h('option', { value: id }, id)),
      h('option', { value: '*' }, 'All gateways of the store'),
    );
  }

  async function provision(gatewayId, replacing) {
    if (
      replacing &&
      !window.confirm(`Replace the credentials of ${gatewayId}? The gateway must be given the new password.`)
    )
      return;
    try {
      const c = await api(storePath(storeId, `/gateways/${encodeURIComponent(gatewayId)}/credentials`), {
        method: 'POST',
      });
      secret.replaceChildren(
        h('h3', {}, `Credentials for ${gatewayId}`),
        h('p', {}, 'Copy them now: the hub keeps only a hash and cannot show the password again.'),
        h(
          'dl',
          {},
          h('dt', {}, 'User name'),
          h('dd', {}, h('code', {}, c.username)),
          h('dt', {}, 'Password'),
          h('dd', {}, h('code', { className: 'password' }, c.password)),
        ),
      );
      await refreshList();
    } catch (err) {
      secret.replaceChildren(h('p', { className: 'error', role: 'alert' }, problemText(err)));
    }
  }

  /** A one-time code (and its QR) a new gateway exchanges for its provisioning file: `edge-agent enrol --url …`. */
  async function enrolmentCode(gatewayId) {
    try {
      const r = await api(storePath(storeId, `/gateways/${encodeURIComponent(gatewayId)}/provision`), {
        method: 'POST',
        body: {},
      });
      secret.replaceChildren(
        h('h3', {}, `Enrolment code for ${gatewayId}`),
        h(
          'p',
          {},
          `Single use, valid until ${new Date(r.expiresAt).toLocaleString()}. The gateway's old credentials are replaced.`,
        ),
        h('p', {}, h('code', { className: 'enrol-code' }, r.code)),
        h('img', { src: r.qr, alt: `QR code of the enrolment link for ${gatewayId}`, className: 'enrol-qr' }),
        h('p', {}, 'On the gateway: ', h('code', {}, `edge-agent enrol --url '${r.link}'`)),
      );
      await refreshList();
    } catch (err) {
      secret.replaceChildren(h('p', { className: 'error', role: 'alert' }, problemText(err)));
    }
  }

  async function revoke(gatewayId) {
    if (!window.confirm(`Revoke the credentials of ${gatewayId}? It is disconnected and cannot reconnect.`))
      return;
    try {
      const r = await api(storePath(storeId, `/gateways/${encodeURIComponent(gatewayId)}/credentials`), {
        method: 'DELETE',
      });
      secret.replaceChildren(
        h(
          'p',
          { className: 'ok', role: 'status' },
          `${gatewayId} revoked${r.sessionsClosed ? '; its session was closed' : ''}.`,
        ),
      );
      await refreshList();
    } catch (err) {
      secret.replaceChildren(h('p', { className: 'error', role: 'alert' }, problemText(err)));
    }
  }

  const gatewaySelect = h('select', { name: 'gateway' });
  const num = (name, value, min, max, step = '1') =>
    h('input', { name, type: 'number', value, min, max, step });
  const logLevel = h(
    'select',
    { name: 'logLevel' },
    ['info', 'warn', 'error', 'debug'].map((v) => h('option', { value: v }, v)),
  );
  const form = h(
    'form',
    { className: 'config', 'aria-labelledby': 'config-title' },
    h('h2', { id: 'config-title' }, 'Push configuration'),
    field('Gateway', gatewaySelect),
    field('Window (s)', num('windowSeconds', '60', '10', '3600')),
    field('Heatmap cell (m)', num('heatmapCellSize', '0.5', '0.1', '5', '0.1')),
    field('k-anonymity', num('kAnonymity', '5', '2', '1000')),
    field('Stop after (s)', num('stopThresholdS', '10', '1', '3600')),
    field('Publish loyalty paths', h('input', { name: 'publishPaths', type: 'checkbox', checked: true })),
    field('Log level', logLevel),
    field('Send the store layout', h('input', { name: 'includeLayout', type: 'checkbox', checked: true })),
    h('button', { type: 'submit', disabled: !ctx.services?.configPush }, 'Push'),
  );
  const result = h('p', { role: 'status' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const settings = {
      windowSeconds: Number(f.get('windowSeconds')),
      heatmapCellSize: Number(f.get('heatmapCellSize')),
      kAnonymity: Number(f.get('kAnonymity')),
      stopThresholdS: Number(f.get('stopThresholdS')),
      publishPaths: f.get('publishPaths') === 'on',
      logLevel: f.get('logLevel'),
    };
    try {
      const chosen = String(f.get('gateway'));
      const path = chosen === '*' ? '/gateways/config' : `/gateways/${encodeURIComponent(chosen)}/config`;
      const r = await api(storePath(storeId, path), {
        method: 'PUT',
        body: { settings, includeLayout: f.get('includeLayout') === 'on' },
      });
      const sent = r.gateways ?? [r];
      result.className = 'ok';
      result.textContent = `${sent.map((g) => `Config v${g.configVersion} sent to ${g.gatewayId}`).join('; ')}; each applies it when it next reads its config.`;
    } catch (err) {
      result.className = 'error';
      result.textContent = problemText(err);
    }
  });

  root.append(
    h(
      'div',
      { className: 'grid-2' },
      h('section', { className: 'card' }, h('h2', {}, 'Credentials'), listBox, secret),
      h('section', { className: 'card' }, form, result),
    ),
  );
  await refreshList();
}
