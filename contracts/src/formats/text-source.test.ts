import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asyncSource, bytesCutInside, chunkedSources, generatedLines, splitAt } from './parser-test-kit.js';
import { type LineOptions, linesOf, type SourceLine, type TextSource, textChunks } from './text-source.js';

async function lines(source: TextSource, options?: LineOptions): Promise<SourceLine[]> {
  const out: SourceLine[] = [];
  for await (const line of linesOf(source, options)) out.push(line);
  return out;
}

async function texts(source: TextSource): Promise<string[]> {
  return (await lines(source)).map((l) => l.text);
}

/** What an editor shows: split on LF, drop one CR before it, no extra line after a final newline. */
function referenceLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body === '') return [];
  const parts = body.split('\n').map((part) => (part.endsWith('\r') ? part.slice(0, -1) : part));
  if (body.endsWith('\n')) parts.pop();
  return parts;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('linesOf', () => {
  it('numbers lines from 1, keeps blank ones, accepts LF and CRLF', async () => {
    expect(await lines(['a,b\r\n', '\n', '1,2\n', 'last'])).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: '' },
      { line: 3, text: '1,2' },
      { line: 4, text: 'last' },
    ]);
  });

  it('adds no line after a final newline and none for an empty source', async () => {
    expect(await texts(['x\n'])).toEqual(['x']);
    expect(await texts([])).toEqual([]);
    expect(await texts(['', ''])).toEqual([]);
    expect(await texts(['\n'])).toEqual(['']);
  });

  it('joins a CRLF split across chunks', async () => {
    expect(await texts(['a\r', '\nb\r', '\n'])).toEqual(['a', 'b']);
  });

  it('keeps a lone CR inside a line as data', async () => {
    expect(await texts(['a\rb\n'])).toEqual(['a\rb']);
  });

  it('strips a BOM given as text or as bytes, even when its bytes are split', async () => {
    expect(await texts(['\uFEFFts,rssi\n'])).toEqual(['ts,rssi']);
    expect(await texts([bytes('\uFEFFts,rssi\n')])).toEqual(['ts,rssi']);
    expect(await texts(splitAt(bytes('\uFEFFts\n'), [1, 2]))).toEqual(['ts']);
    // Only the first one: a second BOM is content.
    expect(await texts(['\uFEFF\uFEFFx'])).toEqual(['\uFEFFx']);
  });

  it('decodes a multi-byte character split across chunks', async () => {
    expect(await texts(bytesCutInside('café 🛒\n', 'é'))).toEqual(['café 🛒']);
    expect(await texts(bytesCutInside('café 🛒\n', '🛒'))).toEqual(['café 🛒']);
    expect(await texts(splitAt(bytes('🛒'), [1, 2, 3]))).toEqual(['🛒']);
  });

  it('turns invalid UTF-8 into U+FFFD instead of failing', async () => {
    expect(await texts([new Uint8Array([0x61, 0xff, 0x0a, 0xc3])])).toEqual(['a\uFFFD', '\uFFFD']);
  });

  it('accepts a bare string, mixed string and byte chunks, and async sources', async () => {
    expect(await texts('a\nb' as unknown as TextSource)).toEqual(['a', 'b']);
    expect(await texts([bytes('a'), 'b\n', bytes('c')])).toEqual(['ab', 'c']);
    // An incomplete character followed by a string chunk cannot be completed; it becomes U+FFFD.
    expect(await texts([bytes('é').slice(0, 1), 'x'])).toEqual(['\uFFFDx']);
    expect(await texts(asyncSource(['a\n', bytes('b')]))).toEqual(['a', 'b']);
  });

  it('cuts lines longer than maxLineLength and flags them, then carries on', async () => {
    const long = 'x'.repeat(25);
    expect(await lines([long.slice(0, 7), long.slice(7), '\nok\n'], { maxLineLength: 10 })).toEqual([
      { line: 1, text: 'x'.repeat(10), truncated: true },
      { line: 2, text: 'ok' },
    ]);
    expect(await lines(['0123456789\r\n'], { maxLineLength: 10 })).toEqual([{ line: 1, text: '0123456789' }]);
    expect(await lines(['y'.repeat(11)], { maxLineLength: 10 })).toEqual([
      { line: 1, text: 'y'.repeat(10), truncated: true },
    ]);
  });

  it('bounds memory on a huge line without newlines (3 MiB in 3000 chunks)', async () => {
    const chunk = 'z'.repeat(1024);
    async function* huge() {
      for (let i = 0; i < 3072; i++) yield chunk;
    }
    const result = await lines(huge());
    expect(result).toHaveLength(1);
    expect(result[0]?.truncated).toBe(true);
    expect(result[0]?.text.length).toBe(1 << 20);
  });

  it('splits any text like an editor does, however it is chunked', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'é', '🛒', ',', '"', '\n', '\r', '\r\n', '\uFEFF', ' '),
    });
    await fc.assert(
      fc.asyncProperty(
        text.chain((t) => fc.tuple(fc.constant(t), chunkedSources(t))),
        async ([t, source]) => {
          expect(await texts(source)).toEqual(referenceLines(t));
        },
      ),
    );
  });

  it('streams 200,000 generated lines', async () => {
    let count = 0;
    let last = 0;
    for await (const { line } of linesOf(generatedLines(200_000, (i) => `${i},x`))) {
      count++;
      last = line;
    }
    expect(count).toBe(200_000);
    expect(last).toBe(200_000);
  });
});

describe('textChunks', () => {
  it('yields no empty chunks', async () => {
    const out: string[] = [];
    for await (const chunk of textChunks(['', bytes('é').slice(0, 1), bytes('é').slice(1), '']))
      out.push(chunk);
    expect(out).toEqual(['é']);
  });
});
