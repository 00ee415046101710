import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-syntax.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of [
      '[]',
      ' {} ',
      '"a\\u00e9\\n"',
      '-0.5e+3',
      '[1,{"a":[true,false,null]}]',
      '\n[\n]\n',
    ]) {
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('names the line and what was expected', () => {
    expect(findJsonSyntaxError('[1,\n2,\n]')).toEqual({
      line: 3,
      message: 'expected a value (object, array, string, number, true, false or null), got "]"',
    });
    expect(findJsonSyntaxError('{"a" 1}')).toEqual({
      line: 1,
      message: 'expected ":" after the property name, got "1}"',
    });
    expect(findJsonSyntaxError('[1 2]')).toEqual({ line: 1, message: 'expected "," or "]", got "2]"' });
    expect(findJsonSyntaxError('{"a":1,}')?.message).toBe(
      'expected a property name in double quotes, got "}"',
    );
    expect(findJsonSyntaxError('["a\nb"]')).toEqual({
      line: 1,
      message: 'expected a closing double quote, got a control character inside a string (escape it)',
    });
    expect(findJsonSyntaxError('["\\x"]')?.message).toBe(
      'expected a closing double quote, got an invalid escape sequence',
    );
    expect(findJsonSyntaxError('[1]\n\n x')).toEqual({
      line: 3,
      message: 'expected nothing after the JSON value, got "x"',
    });
    expect(findJsonSyntaxError('')?.message).toBe(
      'expected a value (object, array, string, number, true, false or null), got the end of the text',
    );
  });

  it('agrees with JSON.parse on what is valid', () => {
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
          '"k"',
          '\\',
          '\\u00e9',
          '1',
          '-',
          '0',
          '.5',
          'e3',
          'tru',
          'true',
          'null',
          ' ',
          '\n',
          '\t',
          '\u00a0',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string(), fc.json()), (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});
