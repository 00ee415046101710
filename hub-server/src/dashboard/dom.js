// Tiny DOM helpers: elements built with properties and children (text is always set as text, never
// parsed as HTML), tables, number formats and the "not available" notice.

/** h('p', { className: 'x' }, 'text', child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && k !== 'list' && k !== 'for') el[k] = v;
    else el.setAttribute(k === 'htmlFor' ? 'for' : k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Number.POSITIVE_INFINITY)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A labelled form control: <label>text <input …></label>. */
export function field(label, control, hint) {
  return h('label', { className: 'field' }, h('span', {}, label), control, hint && h('small', {}, hint));
}

/** A table with a caption, header cells with scope, and one row per item. */
export function table({ caption, columns, rows, className = 'data' }) {
  return h(
    'table',
    { className },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', className: c.numeric ? 'num' : '' }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          columns.map((c, i) => {
            const v = c.value(r);
            return i === 0 ? h('th', { scope: 'row' }, v) : h('td', { className: c.numeric ? 'num' : '' }, v);
          }),
        ),
      ),
    ),
  );
}

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const pct = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

export const fmt = {
  int: (v) => (v === null || v === undefined ? '—' : int.format(v)),
  dec: (v) => (v === null || v === undefined ? '—' : dec.format(v)),
  pct: (v) => (v === null || v === undefined ? '—' : pct.format(v)),
  seconds: (v) => (v === null || v === undefined ? '—' : `${dec.format(v)} s`),
  metres: (v) => (v === null || v === undefined ? '—' : `${dec.format(v)} m`),
};

/** What a page shows in place of figures a service this hub does not run would give. */
export function unavailable(what) {
  return h(
    'div',
    { className: 'notice', role: 'note' },
    h('strong', {}, `${what} not available. `),
    'This hub runs without an analytics service; ask IT to enable it.',
  );
}

export function problemText(err) {
  const fields = (err.problem?.errors ?? []).map((e) => `${e.path}: ${e.message}`);
  return [err.message, ...fields].join(' — ');
}

/** Announces a short message to screen readers and shows it in the status line. */
export function announce(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}
