// fast-check generator of near-miss variants of a valid JSON document: a few random edits anywhere in
// the tree (a key dropped or added — `__proto__` and `constructor` included —, a value of the wrong
// type, a number just out of range or not an integer, a string too long, an array emptied or overgrown).
// For differential tests of validators: most variants sit right at a schema's edges.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'mac', 'extra', '', 'scale', 'epsilon', 'v'];
const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  1.5,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e21,
  1e308,
  8.64e15,
  8.64e15 + 1,
  '',
  'a',
  '1',
  'pos',
  'hub',
  'hub:1',
  'gw-1:7',
  'Bad Id',
  '0123456789abcdef',
  '0123456789ABCDEF',
  'x'.repeat(65),
  'x'.repeat(201),
  'x'.repeat(2001),
  '😀'.repeat(33),
  '😀'.repeat(40),
  '😀'.repeat(64),
  '😀'.repeat(65),
  [],
  [null],
  {},
  { mac: 'aa:bb:cc:dd:ee:ff' },
];
const OFFSETS = [1, -1, 0.5, -0.5, 60_000, -60_000, 86_400_000, 86_400_001, 1e6];
const LENGTHS = [1, 2, 4, 65, 201, 257, 501, 1001, 2001, 20_001];

type Edit =
  | {
      op: 'delete' | 'empty' | 'nullify' | 'stringify' | 'wrap' | 'negate' | 'scale' | 'fraction';
      at: number;
    }
  | { op: 'add'; at: number; key: string; value: Json }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'offset'; at: number; by: number }
  | { op: 'grow'; at: number; length: number }
  | { op: 'text'; at: number; how: number };

const at = fc.nat();
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at,
      key: fc.constantFrom(...EXTRA_KEYS),
      value: fc.constantFrom(...ODD_VALUES),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('replace' as const), at, value: fc.constantFrom(...ODD_VALUES) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('offset' as const), at, by: fc.constantFrom(...OFFSETS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('grow' as const), at, length: fc.constantFrom(...LENGTHS) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('text' as const), at, how: fc.nat({ max: 6 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'empty' as const,
        'nullify' as const,
        'stringify' as const,
        'wrap' as const,
        'negate' as const,
        'scale' as const,
        'fraction' as const,
      ),
      at,
    }),
  },
);

/** Variants of `valid` (a JSON value, not changed) with 0…`maxEdits` random edits. */
export function jsonMutationsArb(valid: Json, maxEdits = 3): fc.Arbitrary<Json> {
  return fc.array(editArb, { maxLength: maxEdits }).map((edits) => {
    let doc = structuredClone(valid);
    for (const edit of edits) doc = applyEdit(doc, edit);
    return doc;
  });
}

function nodePaths(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nodePaths(v, [...path, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out);
  }
  return out;
}

function applyEdit(doc: Json, edit: Edit): Json {
  const paths = nodePaths(doc);
  const path = paths[edit.at % paths.length]!;
  const target = get(doc, path);
  const replaced = editNode(target, edit, path.length === 0);
  if (replaced === DELETE) {
    if (path.length === 0) return doc;
    const parent = get(doc, path.slice(0, -1)) as Json[] | Record<string, Json>;
    const key = path.at(-1)!;
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return doc;
  }
  if (path.length === 0) return replaced;
  const parent = get(doc, path.slice(0, -1)) as Record<string | number, Json>;
  // defineProperty, as JSON.parse does: an own `__proto__` key must stay a key.
  Object.defineProperty(parent, path.at(-1)!, {
    value: replaced,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return doc;
}

const DELETE = Symbol('delete');

function editNode(node: Json, edit: Edit, isRoot: boolean): Json | typeof DELETE {
  switch (edit.op) {
    case 'delete':
      return isRoot ? node : DELETE;
    case 'add':
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
      Object.defineProperty(node, edit.key, {
        value: structuredClone(edit.value),
        writable: true,
        enumerable: true,
        configurable: true,
      });
      return node;
    case 'replace':
      return structuredClone(edit.value);
    case 'offset':
      return typeof node === 'number' ? node + edit.by : node;
    case 'negate':
      return typeof node === 'number' ? -node : node;
    case 'scale':
      return typeof node === 'number' ? node * 1000 : node;
    case 'fraction':
      return typeof node === 'number' ? node / 3 : node;
    case 'grow':
      return Array.isArray(node) && node.length > 0
        ? Array.from({ length: edit.length }, (_, i) => node[i % node.length]!)
        : node;
    case 'empty':
      return Array.isArray(node)
        ? []
        : typeof node === 'string'
          ? ''
          : node !== null && typeof node === 'object'
            ? {}
            : node;
    case 'nullify':
      return Array.isArray(node) && node.length > 0 ? [...node.slice(1), null] : null;
    case 'stringify':
      return JSON.stringify(node);
    case 'wrap':
      return [node];
    case 'text':
      return typeof node === 'string' ? editText(node, edit.how) : node;
  }
}

function editText(s: string, how: number): string {
  switch (how) {
    case 0:
      return `${s}x`;
    case 1:
      return s.toUpperCase();
    case 2:
      return s.slice(1);
    case 3:
      return ` ${s}\t`;
    case 4:
      return s.repeat(40);
    case 5:
      return `${s}😀`;
    default:
      return `${s}\n`;
  }
}

function get(doc: Json, path: Path): Json {
  let node = doc;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}
