// Wall time per pipeline stage, summed over frames, for metrics and the `bench detect` split.

export const STAGES = ['decode', 'preprocess', 'inference', 'postprocess', 'track', 'project'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageTotals {
  frames: number;
  ms: Record<Stage, number>;
}

export class StageTimer {
  #frames = 0;
  readonly #ms: Record<Stage, number> = {
    decode: 0,
    preprocess: 0,
    inference: 0,
    postprocess: 0,
    track: 0,
    project: 0,
  };

  add(stage: Stage, ms: number): void {
    this.#ms[stage] += ms;
  }

  async time<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - t0);
    }
  }

  timeSync<T>(stage: Stage, work: () => T): T {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - t0);
    }
  }

  frame(): void {
    this.#frames++;
  }

  totals(): StageTotals {
    return { frames: this.#frames, ms: { ...this.#ms } };
  }
}
