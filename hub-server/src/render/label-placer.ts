// Greedy label placement: each label tries a list of candidate positions and takes the one that
// overlaps least with labels already placed, with the shapes on the plan and with the canvas edge.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Candidate {
  /** Centre of the label. */
  x: number;
  y: number;
  /** Size of the label's box (already swapped when rotated). */
  w: number;
  h: number;
  /** Extra cost for this position, e.g. for straying from the preferred spot. */
  penalty?: number;
  /** The label must stay inside this box (e.g. its zone); overflow is costly. */
  within?: Box;
}

interface Obstacle {
  box: Box;
  /** Labels that may sit on this shape, e.g. a fixture's own name. */
  owner?: string;
  weight: number;
}

export function boxOf(points: readonly (readonly [number, number])[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

export function candidateBox(c: Candidate): Box {
  return { x0: c.x - c.w / 2, y0: c.y - c.h / 2, x1: c.x + c.w / 2, y1: c.y + c.h / 2 };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

function area(b: Box): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
}

export class LabelPlacer {
  private readonly obstacles: Obstacle[] = [];
  private readonly labels: Box[] = [];

  constructor(private readonly canvas: Box) {}

  /** A shape labels should avoid; `weight` scales the cost of covering it. */
  avoid(box: Box, weight = 1, owner?: string): void {
    this.obstacles.push({ box, weight, ...(owner === undefined ? {} : { owner }) });
  }

  /** Cost of putting a label there: overlap areas, weighted, plus the candidate's own penalty. */
  cost(c: Candidate, owner?: string): number {
    const box = candidateBox(c);
    const size = area(box) || 1;
    let cost = c.penalty ?? 0;
    for (const label of this.labels) cost += (8 * overlap(box, label)) / size;
    for (const o of this.obstacles) {
      if (owner !== undefined && o.owner === owner) continue;
      cost += (o.weight * overlap(box, o.box)) / size;
    }
    cost += (20 * (size - overlap(box, this.canvas))) / size;
    if (c.within) cost += (4 * (size - overlap(box, c.within))) / size;
    return cost;
  }

  /**
   * Picks the cheapest candidate (the first on ties), records it as taken and returns it; returns
   * undefined when even the cheapest costs more than `maxCost` (the label is better left out).
   */
  place<C extends Candidate>(
    candidates: readonly C[],
    owner?: string,
    maxCost = Number.POSITIVE_INFINITY,
  ): C | undefined {
    let best: C | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const cost = this.cost(c, owner);
      if (cost < bestCost - 1e-9) {
        best = c;
        bestCost = cost;
      }
    }
    if (!best || bestCost > maxCost) return undefined;
    this.labels.push(candidateBox(best));
    return best;
  }
}
