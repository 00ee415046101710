import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Assignment, solveLinearAssignment } from './linear-assignment.js';

type Matrix = number[][];

/** Every partial matching of allowed pairs, as lists of [row, col]. */
function* matchings(
  cost: Matrix,
  allowed: (c: number) => boolean,
  row = 0,
  used = new Set<number>(),
): Generator<[number, number][]> {
  if (row === cost.length) {
    yield [];
    return;
  }
  yield* matchings(cost, allowed, row + 1, used); // row left free
  for (const [j, c] of cost[row]!.entries()) {
    if (used.has(j) || !allowed(c)) continue;
    used.add(j);
    for (const rest of matchings(cost, allowed, row + 1, used)) yield [[row, j], ...rest];
    used.delete(j);
  }
}

const total = (cost: Matrix, pairs: readonly [number, number][]) =>
  pairs.reduce((s, [i, j]) => s + cost[i]![j]!, 0);

function checkShape(cost: Matrix, cols: number, a: Assignment): void {
  const rows = new Set(a.pairs.map(([i]) => i));
  const used = new Set(a.pairs.map(([, j]) => j));
  expect(rows.size).toBe(a.pairs.length);
  expect(used.size).toBe(a.pairs.length);
  expect([...rows, ...a.unassignedRows].sort((x, y) => x - y)).toEqual(cost.map((_, i) => i));
  expect([...used, ...a.unassignedCols].sort((x, y) => x - y)).toEqual(
    Array.from({ length: cols }, (_, j) => j),
  );
}

const cell = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -5, max: 20 }) },
  { weight: 1, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
);
const matrix = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 5 }))
  .chain(([n, m]) =>
    fc
      .array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: n, maxLength: n })
      .map((rows) => ({ rows, m })),
  );

describe('solveLinearAssignment', () => {
  it('solves a square matrix', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    expect(solveLinearAssignment(cost).pairs).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
  });

  it('leaves rows or columns free on a rectangle', () => {
    const wide = solveLinearAssignment([[5, 1, 9]]);
    expect(wide).toEqual({ pairs: [[0, 1]], unassignedRows: [], unassignedCols: [0, 2] });
    const tall = solveLinearAssignment([[5], [1], [9]]);
    expect(tall).toEqual({ pairs: [[1, 0]], unassignedRows: [0, 2], unassignedCols: [] });
  });

  it('never assigns a pair above the gate', () => {
    const a = solveLinearAssignment(
      [
        [0.9, 0.2],
        [0.95, 0.85],
      ],
      { maxCost: 0.8 },
    );
    expect(a).toEqual({ pairs: [[0, 1]], unassignedRows: [1], unassignedCols: [0] });
  });

  it('handles empty matrices', () => {
    expect(solveLinearAssignment([])).toEqual({ pairs: [], unassignedRows: [], unassignedCols: [] });
    expect(solveLinearAssignment([], { cols: 2 }).unassignedCols).toEqual([0, 1]);
    expect(solveLinearAssignment([[], []]).unassignedRows).toEqual([0, 1]);
  });

  it('rejects ragged matrices', () => {
    expect(() => solveLinearAssignment([[1, 2], [3]])).toThrow(RangeError);
  });

  it('matches brute force with a gate: min Σ cost + gate/2 per free row and column', () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: -2, max: 15 }), ({ rows, m }, gate) => {
        const a = solveLinearAssignment(rows, { maxCost: gate, cols: m });
        checkShape(rows, m, a);
        for (const [i, j] of a.pairs) expect(rows[i]![j]!).toBeLessThanOrEqual(gate);
        const value = (pairs: [number, number][]) => pairs.reduce((s, [i, j]) => s + gate - rows[i]![j]!, 0);
        let best = 0;
        for (const p of matchings(rows, (c) => Number.isFinite(c) && c <= gate))
          best = Math.max(best, value(p));
        expect(value(a.pairs)).toBeCloseTo(best, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('matches brute force without a gate: most pairs, then least cost', () => {
    fc.assert(
      fc.property(matrix, ({ rows, m }) => {
        const a = solveLinearAssignment(rows, { cols: m });
        checkShape(rows, m, a);
        let bestCount = 0;
        let bestCost = 0;
        for (const p of matchings(rows, Number.isFinite)) {
          const c = total(rows, p);
          if (p.length > bestCount || (p.length === bestCount && c < bestCost)) {
            bestCount = p.length;
            bestCost = c;
          }
        }
        expect(a.pairs.length).toBe(bestCount);
        expect(total(rows, a.pairs)).toBeCloseTo(bestCost, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('handles fractional costs like 1 − IoU with a gate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (rows) => {
          const a = solveLinearAssignment(rows, { maxCost: 0.7 });
          const value = (pairs: [number, number][]) => pairs.reduce((s, [i, j]) => s + 0.7 - rows[i]![j]!, 0);
          let best = 0;
          for (const p of matchings(rows, (c) => c <= 0.7)) best = Math.max(best, value(p));
          expect(value(a.pairs)).toBeCloseTo(best, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
