// A binary min-heap of cell indices keyed by a caller-owned Float64Array, with decrease-key, so the
// open set of A* and Dijkstra lives in typed arrays and never holds a cell twice.

export class CellHeap {
  private readonly heap: Int32Array;
  /** Where each cell sits in `heap`, or -1 when it is not queued. */
  private readonly pos: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get length(): number {
    return this.size;
  }

  /** Queues `cell`, or restores heap order after its key went down. */
  push(cell: number): void {
    let i = this.pos[cell]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = cell;
      this.pos[cell] = i;
    }
    this.up(i);
  }

  /** The cell with the smallest key, or -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.heap[0]!;
    this.pos[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const { heap, pos, keys } = this;
    const cell = heap[i]!;
    const key = keys[cell]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (keys[p]! <= key) break;
      heap[i] = p;
      pos[p] = i;
      i = parent;
    }
    heap[i] = cell;
    pos[cell] = i;
  }

  private down(i: number): void {
    const { heap, pos, keys } = this;
    const cell = heap[i]!;
    const key = keys[cell]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const child = r < this.size && keys[heap[r]!]! < keys[heap[l]!]! ? r : l;
      const c = heap[child]!;
      if (keys[c]! >= key) break;
      heap[i] = c;
      pos[c] = i;
      i = child;
    }
    heap[i] = cell;
    pos[cell] = i;
  }
}
