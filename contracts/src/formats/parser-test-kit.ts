// Test-only helpers shared by the format tests: chunked sources, garbage generators, big generated streams.
// Not exported from the barrel; it lives here because vitest runs the tests beside the code.
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Collected, collect, type ParseIssue, type RowResult } from './parse-result.js';
import type { TextSource } from './text-source.js';

export type Parser<T> = (source: TextSource) => AsyncIterable<RowResult<T>>;

const encoder = new TextEncoder();

/** Cuts `whole` at the given offsets (taken modulo its length + 1; order and duplicates do not matter). */
export function splitAt<T extends string | Uint8Array>(whole: T, cuts: readonly number[]): T[] {
  const points = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(whole.slice(start, point) as T);
    start = point;
  }
  pieces.push(whole.slice(start) as T);
  return pieces;
}

/** An async source that can be iterated again (fast-check may replay a failing value). */
export function asyncSource(pieces: readonly (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const piece of pieces) {
        await Promise.resolve();
        yield piece;
      }
    },
  };
}

/** The UTF-8 bytes of `text` cut in two inside the first occurrence of `needle` (after its first byte). */
export function bytesCutInside(text: string, needle: string): Uint8Array[] {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not in the text`);
  const offset = encoder.encode(text.slice(0, at)).length + 1;
  return splitAt(encoder.encode(text), [offset]);
}

/** `text` cut into random pieces, as bytes (cuts may split a character) or strings, sync or async. */
export function chunkedSources(text: string): fc.Arbitrary<TextSource> {
  const bytes = encoder.encode(text);
  const shape = fc.record({
    cuts: fc.array(fc.nat(), { maxLength: 40 }),
    asBytes: fc.boolean(),
    async: fc.boolean(),
  });
  return shape.map(({ cuts, asBytes, async }) => {
    const pieces = asBytes ? splitAt(bytes, cuts) : splitAt(text, cuts);
    return async ? asyncSource(pieces) : pieces;
  });
}

/** Property: any chunking of `text` parses exactly like the whole text in one piece. Returns that result. */
export async function expectChunkingInvariant<T>(parse: Parser<T>, text: string): Promise<Collected<T>> {
  const whole = await collect(parse([text]));
  await fc.assert(
    fc.asyncProperty(chunkedSources(text), async (source) => {
      expect(await collect(parse(source))).toEqual(whole);
    }),
  );
  return whole;
}

/** The start of every timestamp message, for assertions. */
export const EXPECTED_TIMESTAMP =
  'expected an integer number of milliseconds or an ISO 8601 date-time like 2024-05-01T09:30:00Z';

/** Text made of what breaks CSV parsers: separators, quotes, line ends, digits, multi-byte characters. */
export const csvish: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '0',
      '1',
      '7',
      '-',
      '.',
      'e',
      'x',
      '%',
      ':',
      'é',
      '🛒',
      '\uD83D',
      '\uFEFF',
      '-60',
      '1700000000000',
      '2024-05-01T09:30:00Z',
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

/** Arbitrary input of every kind: text, lone surrogates, raw bytes, CSV-ish noise (after a valid header). */
export function garbage(header?: string): fc.Arbitrary<string | Uint8Array> {
  const kinds: fc.Arbitrary<string | Uint8Array>[] = [
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 400 }),
    csvish,
  ];
  if (header !== undefined) kinds.push(csvish.map((text) => `${header}\n${text}`));
  return fc.oneof(...kinds);
}

function expectWellFormed(issue: ParseIssue): void {
  expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
  expect(issue.message.length).toBeGreaterThan(0);
}

/**
 * Property: the parser never throws on garbage, every issue is well formed, and chunking (bytes cut anywhere,
 * even inside a character) changes nothing.
 */
export async function expectRobust<T>(parse: Parser<T>, header?: string): Promise<void> {
  const cuts = fc.array(fc.nat(), { maxLength: 8 });
  await fc.assert(
    fc.asyncProperty(garbage(header), cuts, async (input, at) => {
      const whole = await collect(parse([input]));
      for (const issue of whole.issues) expectWellFormed(issue);
      const bytes = typeof input === 'string' ? encoder.encode(input) : input;
      // Lone surrogates do not survive UTF-8 encoding, so compare with the parse of the bytes themselves.
      const reference = typeof input === 'string' ? await collect(parse([bytes])) : whole;
      expect(await collect(parse(asyncSource(splitAt(bytes, at))))).toEqual(reference);
    }),
  );
}

/** `count` generated lines (after an optional header), one chunk per line, never all in memory at once. */
export async function* generatedLines(count: number, line: (i: number) => string, header?: string) {
  if (header !== undefined) yield `${header}\n`;
  for (let i = 0; i < count; i++) yield `${line(i)}\n`;
}

/** Consumes a parser row by row, keeping only counts and the first few issues. */
export async function countResults<T>(
  results: AsyncIterable<RowResult<T>>,
): Promise<{ rows: number; issues: ParseIssue[] }> {
  let rows = 0;
  const issues: ParseIssue[] = [];
  for await (const result of results) {
    if (result.ok) rows++;
    else if (issues.length < 5) issues.push(result.issue);
  }
  return { rows, issues };
}
