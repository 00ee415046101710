// Layout planner: drag a fixture to another place (or pick it from the lists), or put a SKU or a
// category on another fixture; the hub replays observed paths against the proposal and answers
// with the counterfactual exposure change per item.
import { api, storePath } from '../api.js';
import { chart, exposureOption } from '../charts.js';
import { field, fmt, h, problemText, table, unavailable } from '../dom.js';
import { centroid, floorPlan, s } from '../floor-plan.js';

function inside([x, y], poly) {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

export async function render(root, ctx) {
  const layout = await ctx.layout();
  const changes = [];
  const plan = floorPlan(layout, { label: 'Floor plan: drag a fixture to propose a move' });
  const option = (value, text) => h('option', { value }, text);
  const fixtureSelect = () =>
    h(
      'select',
      {},
      layout.fixtures.map((f) => option(f.id, f.name ?? f.id)),
    );
  const moveFixture = fixtureSelect();
  const toZone = h(
    'select',
    {},
    layout.zones.filter((z) => z.kind !== 'staff-only').map((z) => option(z.id, z.name)),
  );
  const skus = [...new Set(layout.fixtures.flatMap((f) => f.skus))].sort();
  const categories = [...new Set(layout.fixtures.flatMap((f) => f.categories))].sort();
  const item = h(
    'select',
    {},
    h(
      'optgroup',
      { label: 'Categories' },
      categories.map((c) => option(`category:${c}`, c)),
    ),
    h(
      'optgroup',
      { label: 'Products' },
      skus.map((sku) => option(`sku:${sku}`, sku)),
    ),
  );
  const toFixture = fixtureSelect();
  const keep = h('input', { type: 'checkbox' });
  const level = h('select', {}, option('category', 'Categories'), option('sku', 'Products (SKU)'));
  const list = h('ol', { className: 'changes', 'aria-live': 'polite' });
  const message = h('p', { className: 'error', role: 'alert' });
  const compute = h(
    'button',
    { type: 'button', disabled: !ctx.services?.analytics },
    'Show the exposure change',
  );
  const result = h(
    'div',
    { className: 'table-wrap' },
    h(
      'p',
      { className: 'hint' },
      'Drag a fixture on the plan, or add a move or an item above, then show the exposure change: the share of the observed shoppers who would pass each item, before and after.',
    ),
  );
  const bars = chart(
    'Bar chart of the change in exposure per item, in percentage points',
    'chart exposure-chart',
  );
  // No empty chart before there is something to show.
  bars.el.hidden = true;
  ctx.onCleanup(() => bars.dispose());

  const describe = (c) =>
    c.kind === 'move-fixture'
      ? `Move ${c.fixtureId} to ${layout.zones.find((z) => z.id === c.toZoneId)?.name ?? c.toZoneId}`
      : `Put ${c.item} on ${c.toFixtureId}${c.keep ? ' (second facing)' : ''}`;
  const redraw = () => {
    list.replaceChildren(
      ...changes.map((c, i) =>
        h(
          'li',
          {},
          describe(c),
          ' ',
          h('button', { type: 'button', className: 'link', onclick: () => remove(i) }, `Remove`),
        ),
      ),
    );
    compute.disabled = !ctx.services?.analytics || changes.length === 0;
  };
  const remove = (i) => {
    changes.splice(i, 1);
    redraw();
  };
  const add = (change) => {
    changes.push(change);
    redraw();
  };

  // Drag a fixture: a proxy shape on the overlay follows the pointer; dropping it inside a zone
  // proposes the move (the new outline too, for trajectory replay).
  const handles = plan.layer('planner');
  for (const f of layout.fixtures) {
    const shape = s('polygon', {
      points: f.polygon.map((p) => plan.pt(p).join(',')).join(' '),
      class: 'draggable',
      'data-fixture': f.id,
    });
    shape.append(s('title', {}, `${f.name ?? f.id}: drag to move`));
    let start;
    shape.addEventListener('pointerdown', (e) => {
      start = plan.toFloor(e);
      shape.setPointerCapture(e.pointerId);
    });
    shape.addEventListener('pointermove', (e) => {
      if (!start) return;
      const [x, y] = plan.toFloor(e);
      const [dx, dy] = [x - start[0], y - start[1]];
      const [px, py] = [plan.pt([dx, dy])[0], plan.pt([0, dy])[1] - plan.pt([0, 0])[1]];
      shape.setAttribute('transform', `translate(${px} ${py})`);
    });
    shape.addEventListener('pointerup', (e) => {
      if (!start) return;
      const [x, y] = plan.toFloor(e);
      const delta = [x - start[0], y - start[1]];
      start = undefined;
      shape.removeAttribute('transform');
      if (Math.hypot(delta[0], delta[1]) < 0.3) return;
      const polygon = f.polygon.map(([px, py]) => [+(px + delta[0]).toFixed(2), +(py + delta[1]).toFixed(2)]);
      const zone = layout.zones.find((z) => z.kind !== 'staff-only' && inside(centroid(polygon), z.polygon));
      message.textContent = zone ? '' : 'Drop the fixture inside a shopper zone.';
      if (!zone) return;
      add({ kind: 'move-fixture', fixtureId: f.id, toZoneId: zone.id, polygon });
    });
    handles.append(shape);
  }

  compute.addEventListener('click', async () => {
    message.textContent = '';
    try {
      const body = await api(storePath(ctx.store.storeId, '/scenarios'), {
        method: 'POST',
        body: { level: level.value, changes },
      });
      const items = body.items.filter((i) => i.change !== 0);
      if (items.length === 0) {
        result.replaceChildren(
          h('p', { className: 'hint' }, 'No item passes more or fewer shoppers with these changes.'),
        );
        bars.el.hidden = true;
        return;
      }
      result.replaceChildren(
        table({
          caption: `Share of ${fmt.int(body.sessions)} observed sessions passing each item, before and after`,
          columns: [
            { label: 'Item', value: (i) => i.label ?? i.item },
            { label: 'Before', numeric: true, value: (i) => fmt.pct(i.before) },
            { label: 'After', numeric: true, value: (i) => fmt.pct(i.after) },
            {
              label: 'Change',
              numeric: true,
              value: (i) => `${i.change >= 0 ? '+' : ''}${fmt.dec(i.change * 100)} pp`,
            },
          ],
          rows: items,
          className: 'data scenario-table',
        }),
      );
      bars.el.hidden = false;
      // A bar a line: as tall as the items need, not a fixed box around one bar.
      bars.el.style.height = `${Math.max(140, Math.min(720, 72 + 30 * items.length))}px`;
      bars.set(exposureOption(items));
    } catch (err) {
      message.textContent = problemText(err);
    }
  });

  root.append(
    ctx.services?.analytics ? '' : unavailable('The exposure replay'),
    h(
      'div',
      { className: 'grid-2' },
      h('section', { className: 'card' }, h('h2', {}, 'Floor plan'), plan.element),
      h(
        'section',
        { className: 'card' },
        h('h2', {}, 'Proposed changes'),
        h(
          'form',
          {
            className: 'inline',
            onsubmit: (e) => {
              e.preventDefault();
              add({ kind: 'move-fixture', fixtureId: moveFixture.value, toZoneId: toZone.value });
            },
          },
          field('Fixture', moveFixture),
          field('To zone', toZone),
          h('button', { type: 'submit' }, 'Add move'),
        ),
        h(
          'form',
          {
            className: 'inline',
            onsubmit: (e) => {
              e.preventDefault();
              const [kind, value] = [
                item.value.slice(0, item.value.indexOf(':')),
                item.value.slice(item.value.indexOf(':') + 1),
              ];
              add({
                kind: kind === 'sku' ? 'move-sku' : 'move-category',
                item: value,
                toFixtureId: toFixture.value,
                ...(keep.checked && { keep: true }),
              });
            },
          },
          field('Item', item),
          field('On fixture', toFixture),
          field('Keep it where it is too', keep),
          h('button', { type: 'submit' }, 'Add'),
        ),
        list,
        field('Report by', level),
        compute,
        message,
      ),
    ),
    h('section', { className: 'card' }, h('h2', {}, 'Counterfactual exposure'), result, bars.el),
  );
  redraw();
}
