// Cross-merchandising recommendations: the table (A → B, walking distance today, co-visit rate,
// expected gain) and the same moves drawn as arrows on the floor plan; each can be planned as a
// layout experiment (the Experiments page's form, filled from it). Pairs whose shoppers already pass
// both (no gain expected) are folded away below the table.
import { api, query, storePath } from '../api.js';
import { field, fmt, h, problemText, table, unavailable } from '../dom.js';
import { badgeSpots, floorPlan, s } from '../floor-plan.js';
import { planExperiment } from './experiment-draft.js';
import { REGISTRARS } from './experiment-form.js';
import { idFromDescription, isoDay } from './experiment-input.js';

/** The experiment a recommendation proposes: its SKUs (a category's, where the layout tells them apart). */
function draftOf(r, level, layout, storeId) {
  const name = `${r.moved.label} near ${r.anchor.label}`;
  const movedSkus =
    level === 'sku'
      ? [r.moved.item]
      : layout.fixtures
          .filter((f) => r.moved.fixtureIds.includes(f.id))
          .filter((f) => f.categories.length === 1 && f.categories[0] === r.moved.item)
          .flatMap((f) => f.skus);
  return {
    storeId,
    id: idFromDescription(name),
    description: `${name}. ${r.action.text}`.slice(0, 500),
    date: isoDay(new Date()),
    movedSkus: [...new Set(movedSkus)],
    pairs: level === 'sku' ? [[r.anchor.item, r.moved.item]] : [],
  };
}

/**
 * Fewer extra co-purchases a week than this is no reason to move a fixture: the pair's shoppers already
 * pass both. Such pairs are listed apart, without an arrow on the plan or a button to plan them.
 */
const MIN_GAIN_PER_WEEK = 0.5;
/** The numbered badge on each arrow, metres. */
const BADGE_R = 0.9;

/** The pairs bought together that shoppers already pass together, folded away under the moves. */
function alreadyPassed(recs) {
  if (recs.length === 0) return '';
  const pairs = recs.length === 1 ? '1 more pair' : `${recs.length} more pairs`;
  return h(
    'details',
    { className: 'negligible' },
    h(
      'summary',
      {},
      `${pairs} bought together that shoppers already pass together: moving them is expected to add nothing`,
    ),
    table({
      caption: 'Pairs bought together, already on the same paths',
      columns: [
        { label: 'Pair', value: (r) => `${r.moved.label} → ${r.anchor.label}` },
        { label: 'Distance', numeric: true, value: (r) => fmt.metres(r.distanceMetres) },
        { label: 'Co-visit', numeric: true, value: (r) => fmt.pct(r.coVisitRate) },
        { label: 'Lift', numeric: true, value: (r) => fmt.dec(r.lift) },
        { label: 'Extra / week', numeric: true, value: (r) => fmt.dec(r.expectedExtraCoPurchasesPerWeek) },
      ],
      rows: recs,
      className: 'data negligible-table',
    }),
  );
}

export async function render(root, ctx) {
  if (!ctx.services?.analytics) return root.append(unavailable('Recommendations'));
  const layout = await ctx.layout();
  const plan = floorPlan(layout, { label: 'Floor plan with the recommended moves drawn as arrows' });
  plan.overlay.prepend(
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'arrowhead',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 5,
          markerHeight: 5,
          orient: 'auto-start-reverse',
        },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }),
      ),
    ),
  );
  const level = h(
    'select',
    {},
    h('option', { value: 'category' }, 'Categories'),
    h('option', { value: 'sku' }, 'Products (SKU)'),
  );
  const top = h(
    'select',
    {},
    [5, 10, 20].map((n) => h('option', { value: String(n) }, String(n))),
  );
  top.value = '10';
  const tableBox = h('div', { className: 'table-wrap' });
  const message = h('p', { className: 'error', role: 'alert' });
  root.append(
    h('div', { className: 'toolbar' }, field('Items', level), field('Show', top)),
    message,
    h(
      'div',
      { className: 'grid-2 wide-table' },
      h('section', { className: 'card' }, h('h2', {}, 'On the floor plan'), plan.element),
      h('section', { className: 'card' }, h('h2', {}, 'Moves, best first'), tableBox),
    ),
  );

  let shownLevel = level.value;
  async function refresh() {
    message.textContent = '';
    try {
      const body = await api(
        storePath(ctx.store.storeId, `/recommendations?${query({ level: level.value, top: top.value })}`),
      );
      shownLevel = level.value;
      draw(body.recommendations);
    } catch (err) {
      message.textContent = problemText(err);
    }
  }

  function draw(all) {
    const recs = all.filter((r) => r.expectedExtraCoPurchasesPerWeek >= MIN_GAIN_PER_WEEK);
    const negligible = all.filter((r) => r.expectedExtraCoPurchasesPerWeek < MIN_GAIN_PER_WEEK);
    const arrows = plan.layer('recommendations');
    const drawn = recs.flatMap((r) => {
      const from = plan.fixtureCentre(r.moved.fixtureIds[0]);
      const to = plan.fixtureCentre(r.action.fixtureId) ?? plan.fixtureCentre(r.anchor.fixtureIds[0]);
      return from && to ? [{ r, from, to }] : [];
    });
    // Badges keep clear of each other and of arrowheads where arrows cross.
    const spots = badgeSpots(
      drawn.map((d) => [d.from, d.to]),
      2.6 * BADGE_R,
    );
    for (const [i, { r, from, to }] of drawn.entries()) {
      const text = `Put ${r.moved.label} near ${r.anchor.label}: ${fmt.metres(r.distanceMetres)} apart, co-visit ${fmt.pct(r.coVisitRate)}, ${fmt.dec(r.expectedExtraCoPurchasesPerWeek)} more co-purchases a week`;
      const mid = spots[i];
      arrows.append(
        s(
          'g',
          { class: 'rec-arrow', role: 'img', 'aria-label': text, 'data-rank': r.rank, tabindex: 0 },
          s('title', {}, text),
          s('line', { x1: from[0], y1: from[1], x2: to[0], y2: to[1], 'marker-end': 'url(#arrowhead)' }),
          s('circle', { cx: mid[0], cy: mid[1], r: BADGE_R }),
          s('text', { x: mid[0], y: mid[1] }, String(r.rank)),
        ),
      );
    }
    tableBox.replaceChildren(
      recs.length === 0
        ? h('p', {}, 'No pair bought together is kept apart by the layout.')
        : movesTable(recs),
      alreadyPassed(negligible),
    );
  }

  function movesTable(recs) {
    return table({
      caption: 'Pairs bought together but far apart on the paths shoppers walk',
      columns: [
        { label: '#', value: (r) => String(r.rank) },
        { label: 'Move', value: (r) => `${r.moved.label} → ${r.anchor.label}` },
        { label: 'Distance', numeric: true, value: (r) => fmt.metres(r.distanceMetres) },
        { label: 'Co-visit', numeric: true, value: (r) => fmt.pct(r.coVisitRate) },
        { label: 'Lift', numeric: true, value: (r) => fmt.dec(r.lift) },
        {
          label: 'Extra / week',
          numeric: true,
          value: (r) => fmt.dec(r.expectedExtraCoPurchasesPerWeek),
        },
        { label: 'Action', value: (r) => r.action.text },
        ...(REGISTRARS.includes(ctx.user.role)
          ? [
              {
                label: 'Experiment',
                value: (r) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'plan',
                      'aria-label': `Plan move ${r.rank} as an experiment`,
                      onclick: () => planExperiment(draftOf(r, shownLevel, layout, ctx.store.storeId)),
                    },
                    'Plan as an experiment',
                  ),
              },
            ]
          : []),
      ],
      rows: recs,
      className: 'data recs-table',
    });
  }

  level.addEventListener('change', refresh);
  top.addEventListener('change', refresh);
  await refresh();
}
