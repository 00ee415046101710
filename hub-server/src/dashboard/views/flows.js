// Flows of shoppers between zones over a time range, as a chord diagram and as a table.
import { api, query, storePath } from '../api.js';
import { chart, chordOption } from '../charts.js';
import { fmt, h, problemText, table, unavailable } from '../dom.js';
import { rangeControl, rangeOf, todaySelection } from '../time-range.js';

export async function render(root, ctx) {
  if (!ctx.services?.analytics) return root.append(unavailable('Zone flows'));
  const layout = await ctx.layout();
  const names = new Map(layout.zones.map((z) => [z.id, z.name]));
  const nameOf = (id) => names.get(id) ?? id;
  const tz = ctx.store.timezone;
  let sel = { ...todaySelection(tz), span: 7 };
  const c = chart('Chord diagram of shopper flows between zones', 'chart chord-chart');
  ctx.onCleanup(() => c.dispose());
  const message = h('p', { className: 'error', role: 'alert' });
  const tableBox = h('div', { className: 'table-wrap' });
  root.append(
    h(
      'div',
      { className: 'toolbar' },
      rangeControl(sel, (next) => {
        sel = next;
        void refresh();
      }),
    ),
    message,
    h(
      'div',
      { className: 'grid-2' },
      h('section', { className: 'card' }, c.el),
      h('section', { className: 'card' }, tableBox),
    ),
  );

  async function refresh() {
    message.textContent = '';
    const r = rangeOf(sel, tz);
    try {
      const body = await api(storePath(ctx.store.storeId, `/flows?${query({ from: r.from, to: r.to })}`));
      c.set(chordOption(body.links, nameOf));
      const top = [...body.links].sort((a, b) => b.count - a.count).slice(0, 15);
      tableBox.replaceChildren(
        table({
          caption: `Busiest flows over ${fmt.int(body.sessions)} shopper sessions`,
          columns: [
            { label: 'From', value: (l) => nameOf(l.from) },
            { label: 'To', value: (l) => nameOf(l.to) },
            { label: 'Shoppers', numeric: true, value: (l) => fmt.int(l.count) },
          ],
          rows: top,
        }),
      );
    } catch (err) {
      message.textContent = problemText(err);
    }
  }
  await refresh();
}
