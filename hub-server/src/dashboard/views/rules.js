// Basket rules with filters: level, minimum support / confidence / lift, how sure and how much more
// than a shorter rule a rule must say, an item to look for, and the sort order; the hub validates
// every filter and names the one it refuses.
import { api, query, storePath } from '../api.js';
import { field, fmt, h, problemText, table, unavailable } from '../dom.js';

export async function render(root, ctx) {
  if (!ctx.services?.analytics) return root.append(unavailable('Basket rules'));
  const num = (name, value, step, min, max) =>
    h('input', { name, type: 'number', value, step, min, max, required: true });
  const level = h(
    'select',
    { name: 'level' },
    h('option', { value: 'category' }, 'Categories'),
    h('option', { value: 'subcategory' }, 'Subcategories'),
    h('option', { value: 'sku' }, 'Products (SKU)'),
  );
  const sort = h(
    'select',
    { name: 'sort' },
    ['lift', 'confidence', 'support'].map((v) => h('option', { value: v }, v)),
  );
  const form = h(
    'form',
    { className: 'filters', 'aria-label': 'Rule filters' },
    field('Items', level),
    field('Min support', num('minSupport', '0.01', '0.005', '0', '1')),
    field('Min confidence', num('minConfidence', '0.1', '0.05', '0', '1')),
    field('Min lift', num('minLift', '1', '0.1', '0')),
    field('Max p-value', num('maxPValue', '0.05', '0.01', '0', '1')),
    field('Min improvement', num('minImprovement', '0', '0.01', '-1', '1')),
    field('Containing', h('input', { name: 'item', type: 'search', placeholder: 'e.g. Paint' })),
    field('Sort by', sort),
    h('button', { type: 'submit' }, 'Apply'),
  );
  const message = h('p', { className: 'error', role: 'alert' });
  const result = h('div', { className: 'table-wrap' });
  const download = h('p', { className: 'exports' });
  root.append(h('section', { className: 'card' }, form, message, result, download));

  async function refresh() {
    message.textContent = '';
    const params = Object.fromEntries(new FormData(form));
    try {
      const body = await api(storePath(ctx.store.storeId, `/rules?${query({ ...params, limit: 200 })}`));
      download.replaceChildren(
        'Download: ',
        h(
          'a',
          {
            href: storePath(ctx.store.storeId, `/exports/rules.csv?${query({ ...params, limit: 1000 })}`),
            download: '',
          },
          'these rules (CSV)',
        ),
      );
      // Products by name, with the SKU for the shelf label.
      const named = (item) => (body.names?.[item] ? `${body.names[item]} (${item})` : item);
      result.replaceChildren(
        table({
          caption:
            `${body.rules.length} rules from ${fmt.int(body.baskets)} baskets. ` +
            'Improvement: how much more often the items on the right come with everything on the left than with any part of it. ' +
            'p-value: how likely chance alone gives that, over all the rules found (Fisher, Holm); ' +
            'a rule over Max p-value or under Min improvement is hidden (1 and −1 show every rule).',
          columns: [
            { label: 'If bought', value: (r) => r.antecedent.map(named).join(' + ') },
            { label: 'Also bought', value: (r) => r.consequent.map(named).join(' + ') },
            { label: 'Support', numeric: true, value: (r) => fmt.pct(r.support) },
            { label: 'Confidence', numeric: true, value: (r) => fmt.pct(r.confidence) },
            { label: 'Lift', numeric: true, value: (r) => fmt.dec(r.lift) },
            { label: 'Improvement', numeric: true, value: (r) => fmt.pct(r.improvement) },
            { label: 'p-value', numeric: true, value: (r) => pValueText(r.pValue) },
            { label: 'Baskets', numeric: true, value: (r) => fmt.int(r.count) },
          ],
          rows: body.rules,
          className: 'data rules-table',
        }),
        body.rules.length === 0 && body.baskets > 0
          ? h(
              'p',
              { className: 'notice' },
              'No rule passes these filters. Few baskets, or items bought alike with everything, give no rule that chance could not: raise Max p-value (up to 1) or lower Min support to see weaker ones.',
            )
          : '',
      );
    } catch (err) {
      message.textContent = problemText(err);
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void refresh();
  });
  await refresh();
}

/** "< 0.001" for the very small p-values strong rules have, else two significant digits. */
function pValueText(p) {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}
