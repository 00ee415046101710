// A FIFO of bytes for stream parsers: chunks are appended at the end and consumed from the front,
// with amortised O(1) appends (capacity doubles, consumed space is reclaimed by compaction), so a
// multi-megabyte part arriving in thousands of small chunks is copied a bounded number of times. Pure.

export class ByteQueue {
  #buf: Uint8Array;
  #start = 0;
  #end = 0;

  constructor(initialCapacity = 64 * 1024) {
    this.#buf = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.#end - this.#start;
  }

  append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buf.length) this.#makeRoom(chunk.length);
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /** The byte at `i` (0 = the front); undefined past the end. */
  at(i: number): number | undefined {
    return i >= 0 && i < this.length ? this.#buf[this.#start + i] : undefined;
  }

  /** Where `pattern` first occurs at or after `from`, or -1. */
  indexOf(pattern: Uint8Array, from = 0): number {
    const first = pattern[0];
    if (first === undefined) return from <= this.length ? from : -1;
    const last = this.#end - pattern.length;
    let i = this.#start + Math.max(0, from);
    while (i <= last) {
      i = this.#buf.indexOf(first, i);
      if (i < 0 || i > last) return -1;
      let j = 1;
      while (j < pattern.length && this.#buf[i + j] === pattern[j]) j++;
      if (j === pattern.length) return i - this.#start;
      i++;
    }
    return -1;
  }

  /** Where `byte` first occurs at or after `from`, or -1. */
  indexOfByte(byte: number, from = 0): number {
    const i = this.#buf.subarray(0, this.#end).indexOf(byte, this.#start + Math.max(0, from));
    return i < 0 ? -1 : i - this.#start;
  }

  /** A copy of bytes [from, to) that stays valid after later appends. */
  copy(from: number, to: number): Uint8Array {
    return this.#buf.slice(this.#start + from, this.#start + to);
  }

  /** The bytes [from, to) decoded as Latin-1 (HTTP header text). */
  latin1(from: number, to: number): string {
    let s = '';
    for (let i = this.#start + from; i < this.#start + to; i++) s += String.fromCharCode(this.#buf[i]!);
    return s;
  }

  /** Forgets the first `n` bytes. */
  skip(n: number): void {
    this.#start = Math.min(this.#end, this.#start + n);
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  #makeRoom(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.#buf.length / 2) {
      this.#buf.copyWithin(0, this.#start, this.#end);
    } else {
      const grown = new Uint8Array(Math.max(needed, this.#buf.length * 2));
      grown.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = grown;
    }
    this.#end = this.length;
    this.#start = 0;
  }
}
