// A group of checkboxes under its legend (a fieldset), optionally with a search box that narrows
// the options shown by their text, and a line saying what is ticked (ticked options stay ticked
// when the search hides them). Keyboard use is the browser's own: Tab between boxes, Space ticks.
import { h } from './dom.js';

let count = 0;

/**
 * items: { value, label, hint?, locked? } — a locked item is ticked and cannot be unticked.
 * search: the search box's label; no search box without it.
 */
export function checklist({ legend, items, search, empty = 'Nothing to choose from.', className = '' }) {
  const id = `checklist-${++count}`;
  const boxes = new Map();
  const summary = h('p', { className: 'checklist-summary', id: `${id}-summary`, 'aria-live': 'polite' });
  const rows = items.map((it) => {
    const box = h('input', {
      type: 'checkbox',
      value: it.value,
      checked: Boolean(it.locked),
      disabled: Boolean(it.locked),
      onchange: () => summarise(),
    });
    boxes.set(it.value, box);
    const row = h(
      'li',
      {},
      h('label', {}, box, h('span', {}, it.label), it.hint ? h('small', {}, it.hint) : ''),
    );
    row.dataset.text = [it.value, it.label, it.hint ?? ''].join(' ').toLowerCase();
    return row;
  });
  const list = h('ul', { className: 'checklist-options', id: `${id}-options` }, rows);
  const none = h('p', { className: 'checklist-none', hidden: true }, 'No option matches the search.');
  const filter = search
    ? h('input', {
        type: 'search',
        autocomplete: 'off',
        'aria-controls': list.id,
        oninput: () => narrow(filter.value),
        // Enter in the search box narrows; it must not submit the form around it.
        onkeydown: (e) => e.key === 'Enter' && e.preventDefault(),
      })
    : undefined;
  const element = h(
    'fieldset',
    { className: `checklist ${className}`, 'aria-describedby': summary.id },
    h('legend', {}, legend),
    filter ? h('label', { className: 'field checklist-search' }, h('span', {}, search), filter) : '',
    items.length === 0 ? h('p', { className: 'checklist-none' }, empty) : [list, none],
    summary,
  );

  function narrow(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !words.every((w) => row.dataset.text.includes(w));
      if (!row.hidden) shown++;
    }
    none.hidden = shown > 0;
  }

  function selected() {
    return [...boxes.values()].filter((b) => b.checked).map((b) => b.value);
  }

  function summarise() {
    const chosen = selected();
    summary.textContent = chosen.length === 0 ? 'None ticked.' : `Ticked: ${chosen.join(', ')}.`;
  }

  summarise();
  return {
    element,
    selected,
    /** Ticks the given values (those offered); answers the ones it does not offer. */
    tick(values) {
      const missing = values.filter((v) => !boxes.has(v));
      for (const v of values) if (boxes.has(v)) boxes.get(v).checked = true;
      summarise();
      return missing;
    },
    /** Unticks everything not locked and clears the search. */
    reset() {
      for (const b of boxes.values()) if (!b.disabled) b.checked = false;
      if (filter) filter.value = '';
      narrow('');
      summarise();
    },
    /** The first box the keyboard can reach, to focus when the group has a problem. */
    firstControl() {
      return filter ?? [...boxes.values()].find((b) => !b.disabled) ?? element;
    },
  };
}
