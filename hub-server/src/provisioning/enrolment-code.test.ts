// Enrolment codes survive the ways people read and type them, and a link carries gateway and code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeFromBytes, enrolLink, formatCode, normalizeCode } from './enrolment-code.js';

const bytes = fc.uint8Array({ minLength: 8, maxLength: 8 });

describe('enrolment codes', () => {
  it('read back as written, in any case, with or without the dash', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = codeFromBytes(b);
        expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
        expect(normalizeCode(formatCode(code))).toBe(code);
        expect(normalizeCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
      }),
    );
  });

  it('forgive O for 0 and I or L for 1, and refuse what cannot be a code', () => {
    expect(normalizeCode('oil2-abcd')).toBe('0112ABCD');
    expect(normalizeCode('ABCD-234')).toBeUndefined();
    expect(normalizeCode('ABCD-234U')).toBeUndefined();
    expect(normalizeCode('')).toBeUndefined();
  });

  it('use every symbol (the low five bits of each byte)', () => {
    expect(codeFromBytes(Uint8Array.from([0, 31, 32, 63, 1, 2, 3, 255]))).toBe('0Z0Z123Z');
  });

  it('make a link with the gateway and the code after the #', () => {
    expect(enrolLink('http://hub:8080/', 'gw-front', 'K7QM2XPD')).toBe(
      'retail-enrol:http://hub:8080#gw-front:K7QM2XPD',
    );
  });
});
