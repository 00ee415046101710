// Min-cost assignment of rows to columns (tracks to detections, GT ids to predicted ids, camera
// tracks to fused tracks): the Hungarian method with shortest augmenting paths (Jonker–Volgenant
// style potentials), O(n²·m) for n rows ≤ m columns.

export interface AssignmentOptions {
  /**
   * Gate: a pair costing more than this is never assigned, and a pair is taken only when it beats
   * leaving its row and its column free (as lapjv's `cost_limit`): the solution minimises
   * Σ assigned costs + maxCost/2 × (rows left free + columns left free). Absent: as many pairs as
   * the allowed entries permit, and the cheapest among those.
   */
  maxCost?: number;
  /** Number of columns; needed only when there are no rows. */
  cols?: number;
}

export interface Assignment {
  /** [row, column] pairs, in row order. */
  pairs: [number, number][];
  unassignedRows: number[];
  unassignedCols: number[];
}

/**
 * Solves the assignment on a rectangular matrix given as rows (all of one length). Entries that are
 * not finite (Infinity, NaN) are forbidden pairs.
 */
export function solveLinearAssignment(
  cost: readonly (readonly number[])[],
  options: AssignmentOptions = {},
): Assignment {
  const n = cost.length;
  const m = cost[0]?.length ?? options.cols ?? 0;
  for (const row of cost) {
    if (row.length !== m)
      throw new RangeError(`cost matrix rows must all have ${m} columns, got ${row.length}`);
  }
  const gate = gateOf(cost, options.maxCost);
  if (Number.isNaN(gate)) throw new RangeError('maxCost must be a number');
  const rowOf = new Array<number>(m).fill(-1);
  if (n > 0 && m > 0) {
    // Rows get one private "stay free" column each, costing 0 against gate-shifted pair costs, so
    // a pair is worth taking only if it costs less than the gate; columns left free cost nothing.
    const allowed = (i: number, j: number): boolean => Number.isFinite(cost[i]![j]!) && cost[i]![j]! <= gate;
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) if (allowed(i, j)) maxAbs = Math.max(maxAbs, Math.abs(cost[i]![j]! - gate));
    }
    // Larger than any solution without it can differ by, so a forbidden entry is never chosen.
    const forbidden = 2 * (n + 1) * (maxAbs + 1);
    const shifted = (i: number, j: number): number => {
      if (j >= m) return j - m === i ? 0 : forbidden;
      return allowed(i, j) ? cost[i]![j]! - gate : forbidden;
    };
    const colOf = hungarian(n, m + n, shifted);
    colOf.forEach((j, i) => {
      if (j < m && allowed(i, j)) rowOf[j] = i;
    });
  }
  const pairs: [number, number][] = [];
  const assignedRows = new Set<number>();
  rowOf.forEach((i, j) => {
    if (i >= 0) {
      pairs.push([i, j]);
      assignedRows.add(i);
    }
  });
  pairs.sort((a, b) => a[0] - b[0]);
  return {
    pairs,
    unassignedRows: range(n).filter((i) => !assignedRows.has(i)),
    unassignedCols: range(m).filter((j) => rowOf[j]! < 0),
  };
}

/** Without a gate, an extra pair must be worth more than any saving in cost: a gate above twice the
 * sum of all allowed costs' magnitudes makes cardinality come first. */
function gateOf(cost: readonly (readonly number[])[], maxCost: number | undefined): number {
  if (maxCost !== undefined && maxCost !== Number.POSITIVE_INFINITY) return maxCost;
  let sum = 0;
  for (const row of cost) for (const c of row) if (Number.isFinite(c)) sum += Math.abs(c);
  return 2 * sum + 1;
}

/**
 * Classic potentials-based Hungarian for n ≤ m over a dense cost function (every entry finite).
 * Returns each row's column.
 */
function hungarian(n: number, m: number, a: (i: number, j: number) => number): number[] {
  // 1-based internally: column 0 and row 0 are the virtual start of each augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j]: row matched to column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) colOf[p[j]! - 1] = j - 1;
  return colOf;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
