// The form a merchandiser (or IT) registers a layout experiment with, on the Experiments page: id
// (or one made from the description), description, date of the change, the stores changed, the
// SKUs moved (ticked in a searchable list of the store's catalogue or pasted, checked against it),
// target pairs, and the control (stores or categories). What the form can check (required fields,
// the id's rule, an id the page already lists) it checks before sending; the problems the hub names
// by path when it refuses one anyway are shown the same way, next to their fields.
import { api, storePath } from '../api.js';
import { checklist } from '../checklist.js';
import { announce, field, h, problemText } from '../dom.js';
import {
  catalogueOf,
  experimentProblems,
  idFromDescription,
  isoDay,
  parsePairs,
  placeProblems,
  refusalProblems,
  splitSkus,
} from './experiment-input.js';

/** Roles the hub lets register an experiment; nobody else is shown the form. */
export const REGISTRARS = ['admin', 'merchandiser'];

const ID_HINT = 'Lower-case letters, digits, "-" and "_". Left empty, it is made from the description.';

/**
 * knownIds() gives the ids of the experiments the page lists (taken ones are answered before sending);
 * onRegistered(id) is awaited after the hub has taken the experiment (the page refetches its list).
 */
export function experimentForm({ ctx, layout, knownIds, onRegistered }) {
  const storeId = ctx.store.storeId;
  const catalogue = catalogueOf(layout);
  const description = h('textarea', { name: 'description', rows: 2, maxLength: 500 });
  const id = h('input', { name: 'id', autocomplete: 'off', spellcheck: false, maxLength: 64 });
  const date = h('input', { name: 'date', type: 'date' });
  const stores = checklist({
    legend: 'Stores changed',
    items: ctx.stores.map((s) => ({
      value: s.storeId,
      label: s.name,
      ...(s.storeId === storeId && { locked: true, hint: 'this store, always included' }),
    })),
  });
  const skus = checklist({
    legend: 'SKUs moved',
    items: catalogue.skus,
    search: 'Find a SKU by code or fixture',
    empty: 'This store’s layout places no SKU.',
    className: 'sku-list',
  });
  const pasted = h('textarea', { name: 'pastedSkus', rows: 2, placeholder: 'e.g. BRU-101, BRU-103' });
  const pairs = h('textarea', { name: 'pairs', rows: 2, placeholder: 'PNT-101 + BRU-101' });
  const others = ctx.stores.filter((s) => s.storeId !== storeId);
  const controlStores = checklist({
    legend: 'Control stores (unchanged)',
    items: others.map((s) => ({ value: s.storeId, label: s.name })),
    empty: 'No other store is visible to you: compare with categories instead.',
  });
  const controlCategories = checklist({
    legend: 'Control categories (untouched, in the stores changed)',
    items: catalogue.categories,
    search: 'Find a category',
    className: 'category-list',
  });
  const kind = (value, text) =>
    h('input', { type: 'radio', name: 'controlKind', value, onchange: showControl, 'data-text': text });
  const byStores = kind('stores', 'Control stores');
  const byCategories = kind('categories', 'Control categories');
  const choice = (radio) => h('label', { className: 'choice' }, radio, radio.dataset.text);

  /** Shows the chosen control's list (with its problems, held by the list's parent) and hides the other. */
  function showControl() {
    controlStores.element.parentElement.hidden = !byStores.checked;
    controlCategories.element.parentElement.hidden = !byCategories.checked;
  }

  /** A labelled control with its hint beside the label (describing the control, not naming it). */
  const hinted = (label, control, hint) => {
    const note = h('small', { className: 'hint', id: `experiment-${control.name}-hint` }, hint);
    control.setAttribute('aria-describedby', note.id);
    return [field(label, control), note];
  };

  // Where each field's problems are shown; LABELS in the order of the form.
  const slots = new Map();
  const LABELS = {
    description: 'Description',
    id: 'Experiment id',
    date: 'Date of the change',
    stores: 'Stores changed',
    skus: 'SKUs moved',
    pairs: 'Pairs to bring together',
    control: 'Control',
    controlStores: 'Control stores',
    controlCategories: 'Control categories',
  };
  const slot = (key, target, focusable = () => target) => {
    const box = h('p', { className: 'field-error', id: `experiment-${key}-error`, hidden: true });
    const described = target.getAttribute('aria-describedby');
    target.setAttribute('aria-describedby', described ? `${described} ${box.id}` : box.id);
    slots.set(key, { box, target, focusable });
    return box;
  };
  const group = (key, list) =>
    h('div', { className: 'group' }, list.element, slot(key, list.element, list.firstControl));
  const control = h(
    'fieldset',
    { className: 'control' },
    h('legend', {}, 'Control: compare with'),
    h('div', { className: 'choices' }, choice(byStores), choice(byCategories)),
  );
  control.append(
    slot('control', control, () => byStores),
    group('controlStores', controlStores),
    group('controlCategories', controlCategories),
  );
  const alert = h('p', { className: 'error', role: 'alert' });
  const done = h('p', { className: 'ok', role: 'status' });
  const submit = h('button', { type: 'submit' }, 'Register experiment');

  const form = h(
    'form',
    { className: 'experiment-form', noValidate: true, 'aria-label': 'Register a layout experiment' },
    h(
      'div',
      { className: 'form-row' },
      h('div', { className: 'wide' }, field('Description', description), slot('description', description)),
      h('div', {}, hinted('Experiment id', id, ID_HINT), slot('id', id)),
      h(
        'div',
        {},
        hinted('Date of the change', date, 'First trading day under the new layout'),
        slot('date', date),
      ),
    ),
    group('stores', stores),
    h(
      'div',
      { className: 'group' },
      skus.element,
      hinted('Or paste SKUs', pasted, 'Separated by commas, spaces or lines; ticked when you leave the box.'),
      slot('skus', skus.element, skus.firstControl),
    ),
    h(
      'div',
      {},
      hinted(
        'Pairs to bring together (optional)',
        pairs,
        'One pair a line; their co-purchase rate is compared.',
      ),
      slot('pairs', pairs),
    ),
    control,
    h('div', { className: 'actions' }, submit),
    alert,
    done,
  );
  const element = h(
    'details',
    { className: 'card register' },
    h('summary', {}, h('h2', {}, 'Register a layout experiment')),
    form,
  );

  // The pasted SKUs' problems are the SKU list's.
  pasted.setAttribute('aria-describedby', `${pasted.getAttribute('aria-describedby')} experiment-skus-error`);
  description.addEventListener('input', () => {
    id.placeholder = idFromDescription(description.value);
  });
  pasted.addEventListener('change', () => {
    clearProblems('skus');
    const missing = tickPasted();
    if (missing.length > 0) showProblems([unknownSkus(missing)]);
  });

  /** Ticks the pasted SKUs the store has; those it has not stay in the box and are answered. */
  function tickPasted() {
    const missing = skus.tick(splitSkus(pasted.value).map((t) => catalogue.resolve(t) ?? t));
    pasted.value = missing.join(', ');
    return missing;
  }
  const unknownSkus = (missing) => ({
    path: 'movedSkus',
    message: `Not in this store’s catalogue: ${missing.join(', ')}.`,
  });

  function clearProblems(only) {
    for (const [key, s] of slots) {
      if (only && key !== only) continue;
      s.box.hidden = true;
      s.box.textContent = '';
      s.target.classList.remove('invalid');
      s.target.removeAttribute('aria-invalid');
    }
    if (!only) alert.textContent = '';
  }

  /** Each problem beside its field, the fields named in the alert, focus on the first of them. */
  function showProblems(issues, body = {}) {
    const { byField, elsewhere } = placeProblems(issues, body);
    const keys = Object.keys(LABELS).filter((k) => k in byField);
    for (const key of keys) {
      const s = slots.get(key);
      s.box.textContent = byField[key];
      s.box.hidden = false;
      s.target.classList.add('invalid');
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(s.target.tagName))
        s.target.setAttribute('aria-invalid', 'true');
    }
    const fields = keys.map((k) => LABELS[k]);
    alert.textContent = [fields.length > 0 ? `Please check: ${fields.join(', ')}.` : '', ...elsewhere]
      .filter(Boolean)
      .join(' ');
    if (keys.length > 0) slots.get(keys[0]).focusable().focus();
  }

  function reset() {
    for (const el of [description, id, pasted, pairs]) el.value = '';
    id.placeholder = '';
    date.value = isoDay(new Date());
    for (const list of [stores, skus, controlStores, controlCategories]) list.reset();
    (others.length > 0 ? byStores : byCategories).checked = true;
    showControl();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems();
    done.textContent = '';
    const missing = tickPasted();
    const parsed = parsePairs(pairs.value, catalogue.resolve);
    const body = {
      id: id.value.trim() || idFromDescription(description.value),
      ...(description.value.trim() && { description: description.value.trim() }),
      date: date.value,
      stores: stores.selected(),
      movedSkus: skus.selected(),
      ...(parsed.pairs.length > 0 && { pairs: parsed.pairs }),
      control: byStores.checked
        ? { stores: controlStores.selected() }
        : { categories: controlCategories.selected() },
    };
    const local = [
      ...experimentProblems(body, new Set(knownIds())),
      ...(missing.length > 0 ? [unknownSkus(missing)] : []),
      ...parsed.problems.map((message) => ({ path: 'pairs', message })),
    ];
    if (local.length > 0) return showProblems(local, body);
    submit.disabled = true;
    try {
      await api(storePath(storeId, '/experiments'), { method: 'POST', body });
      reset();
      done.textContent = `Experiment “${body.id}” registered; its estimates are in the list below.`;
      announce(done.textContent);
      await onRegistered(body.id);
    } catch (err) {
      // Refused anyway: the id taken meanwhile, or a rule the form does not know.
      const refused = refusalProblems(err.status, err.problem, body.id);
      if (refused.length > 0) showProblems(refused, body);
      else alert.textContent = problemText(err);
    } finally {
      submit.disabled = false;
    }
  });

  reset();
  return {
    element,
    /** Opens the form filled from a draft (see experiment-draft.js) for the user to finish. */
    prefill(draft) {
      reset();
      description.value = draft.description ?? '';
      id.value = draft.id ?? '';
      id.placeholder = idFromDescription(description.value);
      if (draft.date) date.value = draft.date;
      const missing = skus.tick(draft.movedSkus ?? []);
      pasted.value = missing.join(', ');
      pairs.value = (draft.pairs ?? []).map((p) => p.join(' + ')).join('\n');
      element.open = true;
      description.focus();
    },
  };
}
