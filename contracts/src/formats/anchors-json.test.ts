import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnchorsJson } from './anchors-json.js';

const GOOD = `[
  {"id": "a1", "x": 0, "y": 0, "z": 2.5},
  {"id": "a2", "x": 12.4, "y": 0, "z": 2.5, "rssiAt1m": -59, "pathLossExponent": 2.2},
  {"id": "a3", "x": 12.4, "y": 8, "z": 2.7, "rssiAt1m": null, "note": "above the tills"}
]`;

describe('parseAnchorsJson', () => {
  it('reads anchors with optional calibration, ignoring unknown keys', () => {
    expect(parseAnchorsJson(GOOD)).toEqual({
      rows: [
        { id: 'a1', x: 0, y: 0, z: 2.5 },
        { id: 'a2', x: 12.4, y: 0, z: 2.5, rssiAt1m: -59, pathLossExponent: 2.2 },
        { id: 'a3', x: 12.4, y: 8, z: 2.7 },
      ],
      issues: [],
    });
  });

  it('accepts a BOM and an empty array', () => {
    expect(parseAnchorsJson('\uFEFF[{"id":"a","x":1,"y":2,"z":3}]').rows).toHaveLength(1);
    expect(parseAnchorsJson('[]')).toEqual({ rows: [], issues: [] });
  });

  it('names the JSON path and the line of each bad value, keeping the good anchors', () => {
    const text = [
      '[',
      '  {"id": "a1", "x": 0, "y": 0, "z": 2.5},',
      '  {"id": "a2", "x": 1, "y": 2,',
      '   "z": "2.5"},',
      '  {"id": "", "x": 1, "y": 1e400, "z": 1, "rssiAt1m": -120, "pathLossExponent": 0.5},',
      '  7,',
      '  {"x": 1, "y": 1, "z": 1}',
      ']',
    ].join('\n');
    const { rows, issues } = parseAnchorsJson(text);
    expect(rows).toEqual([{ id: 'a1', x: 0, y: 0, z: 2.5 }]);
    expect(issues).toEqual([
      { line: 4, field: '[1].z', message: 'expected a number of metres, got the string "2.5"' },
      { line: 5, field: '[2].id', message: 'expected a non-empty string id, got the string ""' },
      { line: 5, field: '[2].y', message: 'expected a number of metres, got Infinity' },
      { line: 5, field: '[2].rssiAt1m', message: 'expected a number of dBm in [-100, 0], got -120' },
      { line: 5, field: '[2].pathLossExponent', message: 'expected a path-loss exponent in [1, 6], got 0.5' },
      {
        line: 6,
        field: '[3]',
        message: 'expected an anchor object like {"id":"a1","x":0,"y":0,"z":2.5}, got 7',
      },
      { line: 7, field: '[4].id', message: 'expected a non-empty string id, got nothing' },
    ]);
  });

  it('reports a duplicate id on the later anchor', () => {
    const text =
      '[{"id":"a1","x":0,"y":0,"z":2},\n{"id":"a2","x":1,"y":0,"z":2},\n{"id":"a1","x":2,"y":0,"z":2}]';
    const { rows, issues } = parseAnchorsJson(text);
    expect(rows.map((a) => a.x)).toEqual([0, 1]);
    expect(issues).toEqual([
      {
        line: 3,
        field: '[2].id',
        message: 'expected an id used once, got the string "a1" again (first at [0])',
      },
    ]);
  });

  it('reports invalid JSON with the line of the syntax error', () => {
    expect(parseAnchorsJson('[\n  {"id": "a1", "x": 0,\n  "y": }\n]').issues).toEqual([
      {
        line: 3,
        message:
          'invalid JSON: expected a value (object, array, string, number, true, false or null), got "}\\n]"',
      },
    ]);
    expect(parseAnchorsJson("[{'id': 'a1'}]").issues).toEqual([
      { line: 1, message: "invalid JSON: expected a property name in double quotes, got \"'id': 'a1'}]\"" },
    ]);
    expect(parseAnchorsJson('[{"id":"a1"},\n').issues).toEqual([
      {
        line: 2,
        message:
          'invalid JSON: expected a value (object, array, string, number, true, false or null), ' +
          'got the end of the text',
      },
    ]);
  });

  it('reports an empty file and a top level that is not an array', () => {
    expect(parseAnchorsJson('  \n').issues).toEqual([
      {
        line: 0,
        message: 'expected a JSON array of anchors like [{"id":"a1","x":0,"y":0,"z":2.5}], got an empty file',
      },
    ]);
    expect(parseAnchorsJson('\n{"anchors": []}').issues).toEqual([
      {
        line: 2,
        message: 'expected a JSON array of anchors like [{"id":"a1","x":0,"y":0,"z":2.5}], got an object',
      },
    ]);
  });

  it('locates values correctly when strings hold brackets, commas, colons and escapes', () => {
    const text =
      '[{"id":"a[,]:\\"}{","x":0,"y":0,"z":1},\n{"id":"b","note":{"k":[1,{"z":0}]},\n"x":0,"y":0,"z":"up"}]';
    expect(parseAnchorsJson(text).issues).toEqual([
      { line: 3, field: '[1].z', message: 'expected a number of metres, got the string "up"' },
    ]);
  });

  it('survives deep nesting', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseAnchorsJson(deep).issues).toHaveLength(1);
    expect(parseAnchorsJson(deep.slice(1)).issues[0]?.line).toBe(1);
  });

  it('never throws, on any text or decoded bytes', () => {
    const decoder = new TextDecoder();
    const jsonish = fc
      .array(
        fc.constantFrom(
          '[',
          ']',
          '{',
          '}',
          ',',
          ':',
          '"',
          '"id"',
          '"x"',
          '1',
          '-2.5',
          'null',
          '\n',
          ' ',
          '\\',
        ),
        {
          maxLength: 60,
        },
      )
      .map((parts) => parts.join(''));
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.uint8Array().map((b) => decoder.decode(b)),
      jsonish,
      fc.json(),
    );
    fc.assert(
      fc.property(input, (text) => {
        const { rows, issues } = parseAnchorsJson(text);
        for (const issue of issues) expect(issue.line).toBeGreaterThanOrEqual(0);
        expect(rows.length + issues.length).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
