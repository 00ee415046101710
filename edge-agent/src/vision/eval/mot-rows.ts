// The camera pipeline's tracks as MOTChallenge rows, frame by frame, for `eval track`: ids numbered 1, 2, …
// in order of first appearance, and a track's first hits (reported with the frame that confirms it)
// put back in the frames they were seen in, as the gateway uses them.
import type { MotBox } from '@retail/contracts';
import type { CameraFrameResult } from '../pipeline/camera-pipeline.js';

export class MotRows {
  readonly rows: MotBox[] = [];
  readonly #ids = new Map<string, number>();
  /** Each frame's seq by its time: first hits carry times. */
  readonly #seqAt = new Map<number, number>();

  add(r: Pick<CameraFrameResult, 'seq' | 'ts' | 'tracks'>): void {
    this.#seqAt.set(r.ts, r.seq);
    for (const t of r.tracks) {
      let id = this.#ids.get(t.trackId);
      if (id === undefined) {
        id = this.#ids.size + 1;
        this.#ids.set(t.trackId, id);
      }
      for (const e of t.earlier ?? []) {
        const frame = this.#seqAt.get(e.ts);
        if (frame !== undefined) this.rows.push({ frame, id, ...e.box, conf: 1 });
      }
      this.rows.push({ frame: r.seq, id, ...t.box, conf: 1 });
    }
  }
}
