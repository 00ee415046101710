// Layout experiments: each with its status and metrics, every estimate with its confidence
// interval, in a table and as interval bars against zero.
import { api, storePath } from '../api.js';
import { chart, intervalsOption } from '../charts.js';
import { fmt, h, problemText, table, unavailable } from '../dom.js';

export async function render(root, ctx) {
  if (!ctx.services?.analytics) return root.append(unavailable('Experiments'));
  let body;
  try {
    body = await api(storePath(ctx.store.storeId, '/experiments'));
  } catch (err) {
    return root.append(h('p', { className: 'error', role: 'alert' }, problemText(err)));
  }
  if (body.experiments.length === 0) return root.append(h('p', {}, 'No experiment involves this store yet.'));
  for (const e of body.experiments) {
    const c = chart(
      `Estimated effects of experiment ${e.id} with their confidence intervals`,
      'chart intervals-chart',
    );
    ctx.onCleanup(() => c.dispose());
    const rows = e.metrics.map((m) => ({ ...m, label: m.unit ? `${m.name} (${m.unit})` : m.name }));
    root.append(
      h(
        'section',
        { className: 'card experiment' },
        h('h2', {}, e.id, h('span', { className: `badge ${e.status}` }, e.status)),
        h('p', {}, e.description ?? '', ` From ${e.date} in ${e.stores.join(', ')}.`),
        table({
          caption: 'Effect against the control (difference in differences)',
          columns: [
            { label: 'Metric', value: (m) => m.label },
            { label: 'Estimate', numeric: true, value: (m) => fmt.dec(m.estimate) },
            {
              label: 'Confidence interval',
              numeric: true,
              value: (m) => `${fmt.pct(m.confidenceLevel)}: [${fmt.dec(m.ciLow)}, ${fmt.dec(m.ciHigh)}]`,
            },
            { label: 'Verdict', value: (m) => (m.ciLow > 0 ? 'up' : m.ciHigh < 0 ? 'down' : 'not clear') },
          ],
          rows,
        }),
        c.el,
      ),
    );
    c.set(intervalsOption(rows));
  }
}
