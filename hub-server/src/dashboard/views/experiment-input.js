// What the experiment form reads and checks before the hub does: the store's catalogue as its layout
// places it (SKU → fixtures, categories), pasted SKUs and pairs, the id made from a description, and
// which field a problem the hub names (by its path) belongs to.

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

/** The hub's schema messages in the words of the form. */
export function plainMessage(message) {
  if (/^Too small: expected array to have >=1 items?$/.test(message)) return 'Choose at least one.';
  if (message === 'Invalid ISO date') return 'Enter the date of the change.';
  return message;
}
