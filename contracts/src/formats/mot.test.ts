import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMotRow, type MotBox, parseMot } from './mot.js';
import { collect } from './parse-result.js';
import { countResults, expectChunkingInvariant, expectRobust, generatedLines } from './parser-test-kit.js';
import type { TextSource } from './text-source.js';

const mot = (source: TextSource) => collect(parseMot(source));

const DET = [
  '1,-1,794.2,47.5,71.2,174.8,67.5,-1,-1,-1',
  '1,-1,164.1,19.6,66.5,163.2,29.4,-1,-1,-1',
  '',
  '2,3,-12,0,50,120.5,1,1,0.83',
  '3, 4, 10.5, 20, 30, 40, 0.9',
].join('\r\n');

describe('parseMot', () => {
  it('reads detections (id -1) and ground truth, ignoring columns after conf', async () => {
    expect(await mot([DET])).toEqual({
      rows: [
        { frame: 1, id: -1, x: 794.2, y: 47.5, w: 71.2, h: 174.8, conf: 67.5 },
        { frame: 1, id: -1, x: 164.1, y: 19.6, w: 66.5, h: 163.2, conf: 29.4 },
        { frame: 2, id: 3, x: -12, y: 0, w: 50, h: 120.5, conf: 1 },
        { frame: 3, id: 4, x: 10.5, y: 20, w: 30, h: 40, conf: 0.9 },
      ],
      issues: [],
    });
  });

  it('reports the results with the line of each row', async () => {
    const lines: number[] = [];
    for await (const r of parseMot([DET])) if (r.ok) lines.push(r.line);
    expect(lines).toEqual([1, 2, 4, 5]);
  });

  it('accepts integer-valued decimals for frame and id, as float-only writers produce', async () => {
    expect((await mot(['1.0,2.00,0,0,1,1,1\n'])).rows[0]).toMatchObject({ frame: 1, id: 2 });
  });

  it('reports each bad field with its line and column name', async () => {
    const text = [
      '0,1,0,0,10,10,1',
      '1.5,1,0,0,10,10,1',
      '1,-2,0,0,10,10,1',
      '2,1,x,0,0,-3,high',
      '3,1,0,0,10',
    ].join('\n');
    expect((await mot([text])).issues).toEqual([
      { line: 1, field: 'frame', message: 'expected an integer frame number >= 1, got "0"' },
      { line: 2, field: 'frame', message: 'expected an integer frame number >= 1, got "1.5"' },
      { line: 3, field: 'id', message: 'expected an integer track id (-1 when unassigned) >= -1, got "-2"' },
      { line: 4, field: 'x', message: 'expected a number of pixels, got "x"' },
      { line: 4, field: 'w', message: 'expected a size in pixels > 0, got "0"' },
      { line: 4, field: 'h', message: 'expected a size in pixels > 0, got "-3"' },
      { line: 4, field: 'conf', message: 'expected a confidence number, got "high"' },
      {
        line: 5,
        field: 'h',
        message: 'expected at least 7 comma-separated fields (frame,id,x,y,w,h,conf), got 5',
      },
    ]);
  });

  it('rejects space-separated files row by row rather than guessing', async () => {
    expect((await mot(['1 -1 794 47 71 174 67\n'])).issues).toEqual([
      {
        line: 1,
        field: 'id',
        message: 'expected at least 7 comma-separated fields (frame,id,x,y,w,h,conf), got 1',
      },
    ]);
  });

  it('parses the same however it is chunked', async () => {
    await expectChunkingInvariant(parseMot, `${DET}\n4,"5",1,2,3,4,0.5,"kassé 🛒, x"\n`);
  });

  it('never throws on garbage', async () => {
    await expectRobust(parseMot);
  });

  it('reads back what formatMotRow writes', async () => {
    const coordinate = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    const size = fc.double({ min: 1e-3, max: 1e4, noNaN: true });
    const box: fc.Arbitrary<MotBox> = fc.record({
      frame: fc.integer({ min: 1, max: 1e7 }),
      id: fc.integer({ min: -1, max: 1e6 }),
      x: coordinate,
      y: coordinate,
      w: size,
      h: size,
      conf: fc.double({ noNaN: true, noDefaultInfinity: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(box, { maxLength: 20 }), async (boxes) => {
        const text = boxes.map((b) => `${formatMotRow(b)}\n`).join('');
        // -0 is written as 0 and read as 0, which is the same box.
        const expected = boxes.map((b) =>
          Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v === 0 ? 0 : v])),
        );
        expect(await mot([text])).toEqual({ rows: expected, issues: [] });
      }),
    );
  });

  it('writes the standard 10-column layout', () => {
    expect(formatMotRow({ frame: 3, id: 7, x: 1.5, y: 2, w: 30, h: 60.25, conf: 0.9 })).toBe(
      '3,7,1.5,2,30,60.25,0.9,-1,-1,-1',
    );
  });

  it('streams 200,000 rows', async () => {
    const rows = generatedLines(
      200_000,
      (i) => `${(i >> 4) + 1},${i % 16},${i % 640},${i % 480},32,64,0.9,-1,-1,-1`,
    );
    expect(await countResults(parseMot(rows))).toEqual({ rows: 200_000, issues: [] });
  });
});
