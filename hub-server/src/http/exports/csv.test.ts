import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1.5, null],
          ['=SUM(A1)', -3],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\n\'=SUM(A1),-3\r\n');
  });

  it('keeps every cell one field: no bare comma, quote or line break survives', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const c = csvCell(s);
        const inner = c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '') : c;
        expect(inner.includes('"') || (!c.startsWith('"') && /[,\r\n]/.test(c))).toBe(false);
      }),
    );
  });
});
