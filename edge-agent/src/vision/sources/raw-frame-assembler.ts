// Cuts a raw video byte stream (ffmpeg's rawvideo on a pipe) into frames of exactly `frameBytes`,
// whatever sizes the pipe delivers it in. Pure.

export class RawFrameAssembler {
  #frame: Uint8Array | undefined;
  #filled = 0;

  constructor(readonly frameBytes: number) {
    if (!Number.isSafeInteger(frameBytes) || frameBytes <= 0)
      throw new RangeError(`frame size must be a positive integer, got ${frameBytes}`);
  }

  /** The frames completed by this chunk, oldest first; each is a fresh buffer the caller may keep. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      this.#frame ??= new Uint8Array(this.frameBytes);
      const n = Math.min(this.frameBytes - this.#filled, chunk.length - offset);
      this.#frame.set(chunk.subarray(offset, offset + n), this.#filled);
      this.#filled += n;
      offset += n;
      if (this.#filled === this.frameBytes) {
        frames.push(this.#frame);
        this.#frame = undefined;
        this.#filled = 0;
      }
    }
    return frames;
  }

  /** Bytes of an incomplete frame held back. */
  get pendingBytes(): number {
    return this.#filled;
  }
}
