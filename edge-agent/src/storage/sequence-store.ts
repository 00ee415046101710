// Message sequence numbers that never go backwards, even across `kill -9` and power loss.
// Blocks of numbers are reserved on disk (write temp, fsync, rename, fsync dir) before any is used,
// so after a crash the agent resumes above everything it may have handed out; gaps are harmless.
import { readFileIfExists, writeFileDurably } from './durable-file.js';

export interface SequenceStoreOptions {
  file: string;
  /** How many numbers one disk write reserves. */
  blockSize?: number;
}

export class SequenceStore {
  #next = 0;
  #reservedUpTo = 0;
  readonly #blockSize: number;
  #reserving: Promise<void> | undefined;

  constructor(private readonly options: SequenceStoreOptions) {
    this.#blockSize = options.blockSize ?? 1000;
  }

  async start(): Promise<void> {
    const text = (await readFileIfExists(this.options.file))?.trim() ?? '0';
    const stored = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(stored)) {
      throw new Error(`sequence file ${this.options.file} is corrupt: "${text.slice(0, 40)}"`);
    }
    this.#next = stored;
    this.#reservedUpTo = stored;
    await this.#reserve();
  }

  async stop(): Promise<void> {
    await this.#reserving;
  }

  /**
   * Makes the next number greater than `n` (e.g. the outbox's highest queued seq), in case the
   * sequence file was lost or restored from an old backup: acks are keyed by seq.
   */
  async ensureAbove(n: number): Promise<void> {
    if (this.#next > n) return;
    this.#next = n + 1;
    this.#reservedUpTo = Math.max(this.#reservedUpTo, this.#next);
    await this.#reserve();
  }

  /** The next sequence number; strictly greater than any returned before, in this or an earlier run. */
  async next(): Promise<number> {
    while (this.#next >= this.#reservedUpTo) {
      this.#reserving ??= this.#reserve().finally(() => {
        this.#reserving = undefined;
      });
      await this.#reserving;
    }
    return this.#next++;
  }

  async #reserve(): Promise<void> {
    const upTo = this.#reservedUpTo + this.#blockSize;
    await writeFileDurably(this.options.file, `${upTo}\n`);
    this.#reservedUpTo = upTo;
  }
}
