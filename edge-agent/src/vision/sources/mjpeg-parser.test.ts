import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, MjpegParser, type MjpegParserOptions } from './mjpeg-parser.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const jpeg = (body: string) => concat([Uint8Array.of(0xff, 0xd8), bytes(body), Uint8Array.of(0xff, 0xd9)]);

/** Feeds `stream` cut at `cuts` and collects every part and the first error. */
function parse(stream: Uint8Array, options: MjpegParserOptions, cuts: number[] = []) {
  const parser = new MjpegParser(options);
  const parts: Uint8Array[] = [];
  let error: string | undefined;
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, stream.length]) {
    const r = parser.push(stream.subarray(from, to));
    parts.push(...r.parts);
    error ??= r.error;
    from = to;
  }
  return { parts, error };
}

interface PartSpec {
  data: Uint8Array;
  withLength: boolean;
  withType: boolean;
}

function multipart(token: string, parts: PartSpec[], eol: string, dashes: string): Uint8Array {
  const chunks: Uint8Array[] = [bytes(eol)];
  for (const p of parts) {
    const head = `${dashes}${token}${eol}${p.withType ? `Content-Type: image/jpeg${eol}` : ''}`;
    chunks.push(bytes(`${head}${p.withLength ? `Content-Length: ${p.data.length}${eol}` : ''}${eol}`));
    chunks.push(p.data, bytes(eol));
  }
  chunks.push(bytes(`${dashes}${token}--${eol}`));
  return concat(chunks);
}

describe('boundaryOf', () => {
  it('reads plain and quoted boundary parameters', () => {
    expect(boundaryOf('multipart/x-mixed-replace; boundary=frame')).toBe('frame');
    expect(boundaryOf('multipart/x-mixed-replace;boundary="--my bound"')).toBe('--my bound');
    expect(boundaryOf('multipart/x-mixed-replace; charset=x; Boundary=--abc; q=1')).toBe('--abc');
    expect(boundaryOf('multipart/x-mixed-replace')).toBeUndefined();
  });
});

describe('MjpegParser', () => {
  it('splits parts with and without Content-Length, CRLF or LF, boundary announced or not', () => {
    const a = jpeg('first');
    const b = jpeg('second\r\n--not-a-boundary\r\n');
    const parts = [
      { data: a, withLength: true, withType: true },
      { data: b, withLength: false, withType: true },
    ];
    for (const eol of ['\r\n', '\n']) {
      for (const boundary of ['frame', '--frame', undefined]) {
        const stream = multipart('frame', parts, eol, '--');
        expect(parse(stream, { boundary }).parts, `${JSON.stringify(eol)} ${boundary}`).toEqual([a, b]);
      }
    }
  });

  it('takes a JPEG that follows the boundary line with no headers at all', () => {
    const a = jpeg('x');
    const b = jpeg('y');
    const stream = concat([bytes('--b\r\n'), a, bytes('\r\n--b\r\n'), b, bytes('\r\n--b\r\n')]);
    expect(parse(stream, { boundary: 'b' }).parts).toEqual([a, b]);
  });

  it('ends a part at a boundary glued to the JPEG end marker', () => {
    const a = jpeg('x');
    const stream = concat([bytes('--b\r\n\r\n'), a, bytes('--b\r\n')]);
    expect(parse(stream, { boundary: 'b' }).parts).toEqual([a]);
  });

  it('skips a preamble, empty parts and anything after the closing boundary until a new one', () => {
    const a = jpeg('a');
    const stream = concat([
      bytes('This is a multi-part message.\r\n--b\r\nContent-Length: 0\r\n\r\n\r\n--b\r\n\r\n'),
      a,
      bytes('\r\n--b--\r\nepilogue\r\n--b\r\n\r\n'),
      a,
      bytes('\r\n--b\r\n'),
    ]);
    expect(parse(stream, { boundary: 'b' }).parts).toEqual([a, a]);
  });

  it('fails clearly on a part over the size cap, with or without Content-Length', () => {
    const sized = bytes('--b\r\nContent-Length: 5000\r\n\r\n');
    expect(parse(sized, { boundary: 'b', maxPartBytes: 1000 }).error).toMatch(
      /5000 bytes .*limit of 1000 bytes/,
    );
    const unsized = concat([bytes('--b\r\n\r\n'), new Uint8Array(2000)]);
    const r = parse(unsized, { boundary: 'b', maxPartBytes: 1000 }, [100, 700, 1500]);
    expect(r.error).toMatch(/larger than the limit of 1000 bytes/);
    const parser = new MjpegParser({ boundary: 'b', maxPartBytes: 1000 });
    parser.push(sized);
    expect(parser.push(bytes('--b\r\n\r\n')).error).toMatch(/limit/);
  });

  it('fails on an endless header block instead of buffering it', () => {
    const stream = concat([bytes('--b\r\n'), bytes('X-Junk: 0123456789abcdef\r\n'.repeat(1000))]);
    expect(parse(stream, { boundary: 'b' }).error).toMatch(/headers longer than/);
  });

  it('property: any split of a well-formed stream yields the same parts', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?]{1,30}$/);
    const part = fc.record({
      data: fc.uint8Array({ minLength: 1, maxLength: 400 }),
      withLength: fc.boolean(),
      withType: fc.boolean(),
    });
    fc.assert(
      fc.property(
        token,
        fc.array(part, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\r\n', '\n'),
        fc.constantFrom('--', '----'),
        fc.constantFrom('token', '--token', 'none'),
        fc.array(fc.nat(), { maxLength: 30 }),
        (tok, parts, eol, dashes, announce, cuts) => {
          // Without Content-Length a body must not contain its own delimiter; with bare LF line ends a
          // trailing CR is indistinguishable from a CRLF. Both are limits of the format, not the parser.
          const delimiter = `--${tok}`;
          const fine = parts.every(
            (p) =>
              p.withLength ||
              (!String.fromCharCode(...p.data).includes(delimiter) && p.data[p.data.length - 1] !== 0x0d),
          );
          fc.pre(fine);
          const boundary = announce === 'none' ? undefined : announce === 'token' ? tok : `--${tok}`;
          const stream = multipart(tok, parts, eol, dashes);
          const r = parse(stream, { boundary }, cuts);
          expect(r.error).toBeUndefined();
          expect(r.parts).toEqual(parts.map((p) => p.data));
        },
      ),
    );
  });

  it('property: never throws on garbage, and no part exceeds the cap', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .constantFrom(
          '--b',
          '--b--',
          '\r\n',
          '\n',
          'Content-Length: 3',
          'Content-Length: 99999999999',
          '\xff\xd8',
        )
        .map(bytes),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom('b', undefined), (chunks, boundary) => {
        const parser = new MjpegParser({ boundary, maxPartBytes: 256 });
        for (const chunk of chunks) {
          for (const p of parser.push(chunk).parts) expect(p.length).toBeLessThanOrEqual(256);
        }
      }),
    );
  });
});
