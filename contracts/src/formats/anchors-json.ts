// BLE anchor positions, a small JSON array `[{"id":"a1","x":0,"y":0,"z":2.5}]` in metres, with optional
// per-anchor radio calibration. Issues name the JSON path (`[1].z`) and, where it can be found, the line.
import { findJsonSyntaxError } from './json-syntax.js';
import type { Collected, ParseIssue } from './parse-result.js';

export interface Anchor {
  id: string;
  /** Metres in the store frame; z is the mounting height. */
  x: number;
  y: number;
  z: number;
  /** Received power at 1 m, dBm, in [-100, 0]. */
  rssiAt1m?: number;
  /** Log-distance path-loss exponent, in [1, 6] (2 is free space). */
  pathLossExponent?: number;
}

export const RSSI_AT_1M_RANGE = { min: -100, max: 0 } as const;
export const PATH_LOSS_EXPONENT_RANGE = { min: 1, max: 6 } as const;

const EXAMPLE = '{"id":"a1","x":0,"y":0,"z":2.5}';

/** Where each top-level element and each of its keys' values starts (1-based lines), in valid JSON. */
interface ElementLines {
  line: number;
  keys: Map<string, number>;
}

/**
 * One linear pass over text that JSON.parse accepted, noting lines; strings are skipped whole so that
 * brackets and commas inside them do not count. Iterative, so deep nesting cannot overflow the stack.
 */
function locateElements(text: string): ElementLines[] {
  const elements: ElementLines[] = [];
  let line = 1;
  let depth = 0;
  let expectElement = false;
  let lastString: string | undefined;
  let valueOfKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (depth === 1 && expectElement && ch !== ']') elements.push({ line, keys: new Map() });
    expectElement = false;
    if (depth === 2 && valueOfKey !== undefined) {
      elements[elements.length - 1]?.keys.set(valueOfKey, line);
      valueOfKey = undefined;
    }
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      lastString = text.slice(start, i + 1);
    } else if (ch === ':' && depth === 2 && lastString !== undefined) {
      valueOfKey = JSON.parse(lastString) as string;
    } else if (ch === '[' || ch === '{') {
      depth++;
      expectElement = depth === 1 && ch === '[';
    } else if (ch === ']' || ch === '}') {
      depth--;
    } else if (ch === ',' && depth === 1) {
      expectElement = true;
    }
  }
  return elements;
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value); // JSON.stringify would show 1e400 as null
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  const text = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return typeof value === 'string' ? `the string ${text}` : text;
}

interface Range {
  min: number;
  max: number;
}

/** Records an issue for a key of the current element (or for the element itself when key is undefined). */
type Fail = (key: string | undefined, message: string) => void;

/** Reads the fields of one anchor object; the result is only used when `fail` was not called. */
function readAnchor(record: Record<string, unknown>, fail: Fail): Anchor {
  const id = record.id;
  if (typeof id !== 'string' || id.trim() === '') {
    fail('id', `expected a non-empty string id, got ${describeJson(id)}`);
  }
  const metres = (key: 'x' | 'y' | 'z'): number => {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    fail(key, `expected a number of metres, got ${describeJson(value)}`);
    return Number.NaN;
  };
  const optional = (key: 'rssiAt1m' | 'pathLossExponent', range: Range, what: string): number | undefined => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && value >= range.min && value <= range.max) return value;
    fail(key, `expected ${what} in [${range.min}, ${range.max}], got ${describeJson(value)}`);
    return undefined;
  };
  const anchor: Anchor = { id: String(id), x: metres('x'), y: metres('y'), z: metres('z') };
  const rssiAt1m = optional('rssiAt1m', RSSI_AT_1M_RANGE, 'a number of dBm');
  const pathLossExponent = optional('pathLossExponent', PATH_LOSS_EXPONENT_RANGE, 'a path-loss exponent');
  if (rssiAt1m !== undefined) anchor.rssiAt1m = rssiAt1m;
  if (pathLossExponent !== undefined) anchor.pathLossExponent = pathLossExponent;
  return anchor;
}

/** The parsed value, or the issue saying why the text is not JSON. */
function parseJson(source: string): { data: unknown } | ParseIssue {
  try {
    return { data: JSON.parse(source) };
  } catch (error) {
    if (source.trim() === '') {
      return { line: 0, message: `expected a JSON array of anchors like [${EXAMPLE}], got an empty file` };
    }
    // Our own scan gives a line and a plain message; V8's message is the fallback should the two disagree.
    const syntax = findJsonSyntaxError(source);
    const reason = error instanceof Error ? error.message : String(error);
    return { line: syntax?.line ?? 0, message: `invalid JSON: ${syntax?.message ?? reason}` };
  }
}

/** Anchors in file order; invalid or duplicate entries are left out and reported. */
export function parseAnchorsJson(text: string): Collected<Anchor> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: Anchor[] = [];
  const issues: ParseIssue[] = [];
  const parsed = parseJson(source);
  if (!('data' in parsed)) return { rows, issues: [parsed] };
  if (!Array.isArray(parsed.data)) {
    const message = `expected a JSON array of anchors like [${EXAMPLE}], got ${describeJson(parsed.data)}`;
    return { rows, issues: [{ line: lineAt(source, source.search(/\S/)), message }] };
  }

  const lines = locateElements(source);
  const firstIndexOf = new Map<string, number>();
  parsed.data.forEach((element: unknown, index) => {
    const where = lines[index];
    const before = issues.length;
    const fail: Fail = (key, message) => {
      const line = (key === undefined ? undefined : where?.keys.get(key)) ?? where?.line ?? 0;
      issues.push({ line, field: key === undefined ? `[${index}]` : `[${index}].${key}`, message });
    };
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      fail(undefined, `expected an anchor object like ${EXAMPLE}, got ${describeJson(element)}`);
      return;
    }
    const anchor = readAnchor(element as Record<string, unknown>, fail);
    if (issues.length > before) return;
    const first = firstIndexOf.get(anchor.id);
    if (first === undefined) {
      firstIndexOf.set(anchor.id, index);
      rows.push(anchor);
    } else {
      fail('id', `expected an id used once, got ${describeJson(anchor.id)} again (first at [${first}])`);
    }
  });
  return { rows, issues };
}
