// Eigen-decomposition of a small real symmetric matrix by cyclic Jacobi rotations: slow in n³ per
// sweep but simple, unconditionally convergent and accurate, which is what a 9×9 DLT system needs.

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: number[];
  /** vectors[k] is the unit eigenvector of values[k]. */
  vectors: number[][];
}

const MAX_SWEEPS = 100;

/** Decomposes `a` (square, symmetric; only its upper triangle is read). */
export function symmetricEigen(a: readonly (readonly number[])[]): SymmetricEigen {
  const n = a.length;
  if (a.some((row) => row.length !== n)) throw new RangeError('symmetricEigen needs a square matrix');
  // Work on a full symmetric copy built from the upper triangle; v accumulates the rotations.
  const m = a.map((row, i) => row.map((_, j) => (j >= i ? a[i]![j]! : a[j]![i]!)));
  const v = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += m[i]![i]! ** 2;
      for (let j = i + 1; j < n; j++) off += m[i]![j]! ** 2;
    }
    if (off <= Number.EPSILON ** 2 * (scale + off) || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) rotate(m, v, p, q);
    }
  }
  const order = m.map((row, i) => ({ value: row[i]!, i })).sort((x, y) => x.value - y.value);
  return {
    values: order.map((o) => o.value),
    vectors: order.map((o) => v.map((row) => row[o.i]!)),
  };
}

/** One rotation in the (p, q) plane that zeroes m[p][q] (Golub & Van Loan, Algorithm 8.4.1). */
function rotate(m: number[][], v: number[][], p: number, q: number): void {
  const apq = m[p]![q]!;
  if (apq === 0) return;
  const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const n = m.length;
  for (let k = 0; k < n; k++) {
    const mkp = m[k]![p]!;
    const mkq = m[k]![q]!;
    m[k]![p] = c * mkp - s * mkq;
    m[k]![q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p]![k]!;
    const mqk = m[q]![k]!;
    m[p]![k] = c * mpk - s * mqk;
    m[q]![k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k]![p]!;
    const vkq = v[k]![q]!;
    v[k]![p] = c * vkp - s * vkq;
    v[k]![q] = s * vkp + c * vkq;
  }
}
