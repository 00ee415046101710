// What the experiment form reads and checks before the hub does: the store's catalogue as its layout
// places it (SKU → fixtures, categories), pasted SKUs and pairs, the id made from a description, the
// experiment's own problems (named by the paths the hub would name them by), the problems a refusal by
// the hub names, and which field each problem belongs to.

/** "Brush sets on the paint wall." → "brush-sets-on-the-paint-wall" (a valid experiment id, or ''). */
export function idFromDescription(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * Why `id` cannot name an experiment, or undefined when it can. Mirrors the hub's rule for the `id`
 * of a registered experiment: `slugSchema` (SLUG_PATTERN and its message) in contracts/src/ids.ts,
 * used by `layoutExperimentSchema` in hub-server/src/analytics/experiments/layout-experiment.ts.
 * The page imports nothing from the server: change both together.
 */
export function idProblem(id) {
  return /^[a-z0-9][a-z0-9_-]{0,63}$/.test(id)
    ? undefined
    : 'must be a lower-case id: a-z, 0-9, "-" or "_", starting with a letter or digit, ≤ 64 chars';
}

export const takenId = (id) => `That id is taken: “${id}” is already registered.`;

/**
 * The problems of an experiment the form is about to send, by the paths the hub names them by, so
 * that what the form can know is never sent to be refused. body: the request as it would be sent,
 * its id typed or made from the description ('' if neither); taken: a Set of the ids the page lists.
 */
export function experimentProblems(body, taken) {
  const problems = [];
  const add = (path, message) => problems.push({ path, message });
  const atLeastOne = 'Choose at least one.';
  if (!body.description) add('description', 'Describe the change.');
  if (body.id === '' && body.description) add('id', 'Give an id: none can be made from this description.');
  else if (body.id !== '') {
    const problem = idProblem(body.id);
    if (problem) add('id', problem);
    else if (taken.has(body.id)) add('id', takenId(body.id));
  }
  // A date input holds a real day or nothing; a year past 9999 is not an ISO date.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.date)) add('date', 'Enter the date of the change.');
  if (body.stores.length === 0) add('stores', atLeastOne);
  if (body.movedSkus.length === 0) add('movedSkus', atLeastOne);
  if ('stores' in body.control) {
    if (body.control.stores.length === 0) add('control.stores', atLeastOne);
    // As the hub's schema refines it: a store cannot be both changed and the control.
    body.control.stores.forEach((s, i) => {
      if (body.stores.includes(s)) add(`control.stores[${i}]`, `store "${s}" is also treated`);
    });
  } else if (body.control.categories.length === 0) add('control.categories', atLeastOne);
  return problems;
}

/**
 * The problems a refusal by the hub names, for the form's fields: a taken id (someone registered it
 * since the page's list was fetched, or in a store this user does not see) as such, otherwise the
 * hub's field errors; none when it names none (the form then shows its message).
 */
export function refusalProblems(status, problem, id) {
  if (status === 409) return [{ path: 'id', message: takenId(id) }];
  return problem?.errors ?? [];
}

/** The day of `date` in the browser's time zone, YYYY-MM-DD. */
export function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The SKUs and categories the store's layout places, for pick lists and for checking pasted SKUs. */
export function catalogueOf(layout) {
  const fixturesOf = new Map();
  const categories = new Set();
  for (const f of layout.fixtures) {
    for (const c of f.categories) categories.add(c);
    for (const sku of f.skus) {
      if (!fixturesOf.has(sku)) fixturesOf.set(sku, []);
      fixturesOf.get(sku).push(f.name ?? f.id);
    }
  }
  const byKey = new Map([...fixturesOf.keys()].map((sku) => [sku.toLowerCase(), sku]));
  return {
    skus: [...fixturesOf.keys()]
      .sort()
      .map((sku) => ({ value: sku, label: sku, hint: fixturesOf.get(sku).join(', ') })),
    categories: [...categories].sort().map((c) => ({ value: c, label: c })),
    /** The catalogue's spelling of a SKU typed in any case; undefined when the store has no such SKU. */
    resolve: (text) => byKey.get(text.trim().toLowerCase()),
  };
}

/** SKUs in pasted text: separated by commas, semicolons, spaces, tabs or line breaks. */
export function splitSkus(text) {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** One pair a line ("PNT-101 + BRU-101", or separated by a space or comma); problems name the line. */
export function parsePairs(text, resolve) {
  const pairs = [];
  const problems = [];
  for (const [i, line] of text.split('\n').entries()) {
    const skus = line.split(/[\s,;+]+/).filter(Boolean);
    if (skus.length === 0) continue;
    const known = skus.map(resolve);
    const unknown = skus.filter((_, j) => !known[j]);
    if (skus.length !== 2) problems.push(`line ${i + 1}: give two SKUs`);
    else if (unknown.length > 0)
      problems.push(`line ${i + 1}: not in this store's catalogue: ${unknown.join(', ')}`);
    else pairs.push(known);
  }
  return { pairs, problems };
}

/** Request paths (as the hub names them) → the form field showing their problems; most specific first. */
const FIELDS = [
  ['control.stores', 'controlStores'],
  ['control.categories', 'controlCategories'],
  ['control.pairs', 'pairs'],
  ['control', 'control'],
  ['movedSkus', 'skus'],
  ['stores', 'stores'],
  ['pairs', 'pairs'],
  ['id', 'id'],
  ['description', 'description'],
  ['date', 'date'],
];

export function fieldOf(path) {
  return FIELDS.find(([p]) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))?.[1];
}

/** The value a path such as "control.stores[1]" points at in `body`, when it is an element of a list. */
export function elementAt(body, path) {
  if (!/\]$/.test(path)) return undefined;
  const keys = path.match(/[^.[\]]+/g) ?? [];
  const value = keys.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), body);
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' + ') : undefined;
}

/**
 * Problems placed for display: byField holds each field's sentence (an element of a list named
 * before its message), elsewhere the problems no field shows, with their paths.
 */
export function placeProblems(problems, body = {}) {
  const byField = {};
  const elsewhere = [];
  for (const { path, message } of problems) {
    const key = fieldOf(path);
    const item = elementAt(body, path);
    const text = `${item && !message.includes(item) ? `${item}: ` : ''}${plainMessage(message)}`;
    if (key) byField[key] = byField[key] ? `${byField[key]} ${text}` : text;
    else elsewhere.push(`${path}: ${message}`);
  }
  return { byField, elsewhere };
}

/** The hub's schema messages in the words of the form. */
export function plainMessage(message) {
  if (/^Too small: expected array to have >=1 items?$/.test(message)) return 'Choose at least one.';
  if (message === 'Invalid ISO date') return 'Enter the date of the change.';
  return message;
}
