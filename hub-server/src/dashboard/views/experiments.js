// Layout experiments: each with its status and metrics, every estimate with its confidence
// interval, in a table and as interval bars against zero; merchandisers and IT register a new one
// with the form above the list, which is fetched again (and so evaluated) once the hub has it.
import { api, storePath } from '../api.js';
import { chart, intervalsOption } from '../charts.js';
import { fmt, h, problemText, table, unavailable } from '../dom.js';
import { takeDraft } from './experiment-draft.js';
import { experimentForm, REGISTRARS } from './experiment-form.js';

export async function render(root, ctx) {
  if (!ctx.services?.analytics) return root.append(unavailable('Experiments'));
  const list = h('div', { className: 'experiment-list' });
  let charts = [];
  /** Ids of the experiments listed: the form answers a taken one without asking the hub. */
  let listed = [];
  ctx.onCleanup(() => {
    for (const c of charts) c.dispose();
  });

  async function refresh() {
    for (const c of charts) c.dispose();
    charts = [];
    let body;
    try {
      body = await api(storePath(ctx.store.storeId, '/experiments'));
    } catch (err) {
      return list.replaceChildren(h('p', { className: 'error', role: 'alert' }, problemText(err)));
    }
    listed = body.experiments.map((e) => e.id);
    if (body.experiments.length === 0)
      return list.replaceChildren(h('p', {}, 'No experiment involves this store yet.'));
    list.replaceChildren();
    for (const e of body.experiments) {
      const c = chart(
        `Estimated effects of experiment ${e.id} with their confidence intervals`,
        'chart intervals-chart',
      );
      charts.push(c);
      list.append(card(e, c));
      c.set(intervalsOption(metricRows(e)));
    }
  }

  const draft = takeDraft(ctx.store.storeId);
  if (REGISTRARS.includes(ctx.user.role)) {
    const form = experimentForm({
      ctx,
      layout: await ctx.layout(),
      knownIds: () => listed,
      onRegistered: async (id) => {
        await refresh();
        const added = list.querySelector(`section[data-experiment="${CSS.escape(id)}"] h2`);
        added?.scrollIntoView({ block: 'nearest' });
      },
    });
    root.append(form.element);
    if (draft) form.prefill(draft);
  }
  root.append(list);
  await refresh();
}

/** Effects are often hundredths (a share of baskets, units per basket): two significant digits. */
const effect = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 });
const num = (v) => (v === null || v === undefined ? '—' : effect.format(v));
const sentence = (text) => (text && !/[.!?]$/.test(text) ? `${text}.` : (text ?? ''));

const metricRows = (e) => e.metrics.map((m) => ({ ...m, label: m.unit ? `${m.name} (${m.unit})` : m.name }));

function card(e, c) {
  return h(
    'section',
    { className: 'card experiment', dataset: { experiment: e.id } },
    h('h2', {}, e.id, h('span', { className: `badge ${e.status}` }, e.status)),
    h('p', {}, sentence(e.description), ` From ${e.date} in ${e.stores.join(', ')}.`),
    table({
      caption: 'Effect against the control (difference in differences)',
      columns: [
        { label: 'Metric', value: (m) => m.label },
        { label: 'Estimate', numeric: true, value: (m) => num(m.estimate) },
        {
          label: 'Confidence interval',
          numeric: true,
          value: (m) => `${fmt.pct(m.confidenceLevel)}: [${num(m.ciLow)}, ${num(m.ciHigh)}]`,
        },
        { label: 'Verdict', value: (m) => (m.ciLow > 0 ? 'up' : m.ciHigh < 0 ? 'down' : 'not clear') },
      ],
      rows: metricRows(e),
    }),
    e.metrics.length === 0
      ? h(
          'p',
          { className: 'note' },
          e.status === 'planned'
            ? 'Estimates follow once the change has started.'
            : 'No estimate yet: there are too few baskets on one side of the change.',
        )
      : '',
    c.el,
  );
}
