// Splits a multipart/x-mixed-replace byte stream (MJPEG over HTTP) into its parts, whatever the chunk
// boundaries. Cameras bend the format, so this accepts: a boundary parameter with or without the leading
// "--" (either way the wire line is dashes then the token), a boundary missing from the header (taken from
// the first "--" line), parts with or without Content-Length (without, the part ends before the next
// boundary line), CRLF or bare LF line ends, and headerless parts that start straight with a JPEG.
// Never throws: an oversized part or header block is returned as an error and the parser stops. Pure.
import { ByteQueue } from './byte-queue.js';

export const DEFAULT_MAX_PART_BYTES = 8 * 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
/** A boundary line longer than this is garbage, not a boundary. */
const MAX_BOUNDARY_LINE = 256;
const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

export interface MjpegParserOptions {
  /** The Content-Type's boundary parameter; found in the stream when absent. */
  boundary?: string;
  maxPartBytes?: number;
}

export interface MjpegPushResult {
  /** Complete, non-empty parts, oldest first; copies that stay valid. */
  parts: Uint8Array[];
  /** Set once the stream is unusable; the parser returns it again on every later push. */
  error?: string;
}

type Phase = 'boundary' | 'headers' | 'body';

/** The boundary parameter of a Content-Type header, unquoted; undefined when missing. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;,\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export class MjpegParser {
  readonly #q = new ByteQueue();
  readonly #maxPartBytes: number;
  /** The boundary without leading dashes, as bytes. */
  #token: Uint8Array | undefined;
  #phase: Phase = 'boundary';
  #contentLength: number | undefined;
  #headerBytes = 0;
  #scanFrom = 0;
  #error: string | undefined;

  constructor(options: MjpegParserOptions = {}) {
    this.#maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
    if (options.boundary !== undefined) this.#token = tokenBytes(options.boundary);
  }

  push(chunk: Uint8Array): MjpegPushResult {
    const parts: Uint8Array[] = [];
    if (this.#error === undefined) {
      this.#q.append(chunk);
      while (this.#error === undefined && this.#step(parts));
    }
    return this.#error === undefined ? { parts } : { parts, error: this.#error };
  }

  /** One move of the state machine; false when it needs more bytes (or failed). */
  #step(parts: Uint8Array[]): boolean {
    if (this.#phase === 'boundary')
      return this.#token ? this.#findBoundary(this.#token) : this.#learnBoundary();
    if (this.#phase === 'headers') return this.#readHeaderLine();
    return this.#contentLength === undefined ? this.#readUntilBoundary(parts) : this.#readSized(parts);
  }

  /** Skips to the next boundary line and past it; after a closing one ("--token--") keeps looking. */
  #findBoundary(token: Uint8Array): boolean {
    const q = this.#q;
    for (let p = q.indexOf(token, this.#scanFrom); p >= 0; p = q.indexOf(token, p + 1)) {
      const lineStart = boundaryLineStart(q, p);
      if (lineStart === undefined) continue;
      const eol = q.indexOfByte(LF, p + token.length);
      if (eol < 0) {
        if (q.length - p > MAX_BOUNDARY_LINE) continue;
        this.#scanFrom = lineStart;
        return false;
      }
      const closing = q.at(p + token.length) === DASH && q.at(p + token.length + 1) === DASH;
      q.skip(eol + 1);
      this.#scanFrom = 0;
      if (!closing) this.#startPart();
      return true;
    }
    // Keep only what could be the start of a boundary line split by the chunking.
    q.skip(Math.max(0, q.length - token.length - MAX_BOUNDARY_LINE));
    this.#scanFrom = 0;
    return false;
  }

  /** Without a boundary parameter, the first line starting with "--" names it. */
  #learnBoundary(): boolean {
    const q = this.#q;
    const eol = q.indexOfByte(LF);
    if (eol < 0) {
      if (q.length > MAX_BOUNDARY_LINE) q.skip(q.length);
      return false;
    }
    const line = q.latin1(0, eol).trimEnd();
    q.skip(eol + 1);
    if (line.startsWith('--') && line.length <= MAX_BOUNDARY_LINE) {
      const token = tokenBytes(line);
      if (token.length > 0) {
        this.#token = token;
        this.#startPart();
      }
    }
    return true;
  }

  #startPart(): void {
    this.#phase = 'headers';
    this.#contentLength = undefined;
    this.#headerBytes = 0;
    this.#scanFrom = 0;
  }

  #readHeaderLine(): boolean {
    const q = this.#q;
    // Some cameras send no headers, not even the blank line: the JPEG starts right after the boundary.
    if (this.#headerBytes === 0 && q.at(0) === 0xff && q.at(1) === 0xd8) return this.#startBody();
    const eol = q.indexOfByte(LF);
    if (eol < 0 || this.#headerBytes + eol > MAX_HEADER_BYTES) {
      if (this.#headerBytes + q.length > MAX_HEADER_BYTES)
        this.#error = `MJPEG part headers longer than ${MAX_HEADER_BYTES} bytes; is this an MJPEG stream?`;
      return false;
    }
    const line = q.latin1(0, eol).trim();
    q.skip(eol + 1);
    this.#headerBytes += eol + 1;
    if (line === '') return this.#startBody();
    const m = /^content-length\s*:\s*(\d+)$/i.exec(line);
    if (m) this.#contentLength = Number(m[1]);
    return true;
  }

  #startBody(): boolean {
    this.#phase = 'body';
    this.#scanFrom = 0;
    if (this.#contentLength !== undefined && this.#contentLength > this.#maxPartBytes) {
      this.#error = `MJPEG part of ${this.#contentLength} bytes (Content-Length) exceeds the limit of ${this.#maxPartBytes} bytes`;
      return false;
    }
    return true;
  }

  #readSized(parts: Uint8Array[]): boolean {
    const n = this.#contentLength!;
    if (this.#q.length < n) return false;
    if (n > 0) parts.push(this.#q.copy(0, n));
    this.#q.skip(n);
    // Whatever follows (CRLF, then the boundary line) is skipped while looking for the boundary.
    this.#phase = 'boundary';
    this.#scanFrom = 0;
    return true;
  }

  /** Without Content-Length the part ends at the line break before the next boundary line. */
  #readUntilBoundary(parts: Uint8Array[]): boolean {
    const q = this.#q;
    const token = this.#token!;
    for (let p = q.indexOf(token, this.#scanFrom); p >= 0; p = q.indexOf(token, p + 1)) {
      const end = bodyEnd(q, p);
      if (end === undefined) continue;
      if (end > this.#maxPartBytes) return this.#partTooLarge();
      if (end > 0) parts.push(q.copy(0, end));
      q.skip(end);
      this.#phase = 'boundary';
      this.#scanFrom = 0;
      return true;
    }
    if (q.length > this.#maxPartBytes + token.length + MAX_BOUNDARY_LINE) return this.#partTooLarge();
    this.#scanFrom = Math.max(0, q.length - token.length);
    return false;
  }

  #partTooLarge(): false {
    this.#error = `MJPEG part larger than the limit of ${this.#maxPartBytes} bytes (no boundary found); is this an MJPEG stream?`;
    return false;
  }
}

/** The token with any leading dashes removed, as Latin-1 bytes. */
function tokenBytes(boundary: string): Uint8Array {
  const token = boundary.trim().replace(/^-+/, '');
  return Uint8Array.from(token, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * If the token found at `p` opens a boundary line (two or more dashes before it, at the start of a
 * line), where that line starts; otherwise undefined. The front of the queue counts as a line start:
 * parts and bodies begin after a line break.
 */
function boundaryLineStart(q: ByteQueue, p: number): number | undefined {
  let start = p;
  while (start > 0 && q.at(start - 1) === DASH) start--;
  if (p - start < 2) return undefined;
  return start === 0 || q.at(start - 1) === LF ? start : undefined;
}

/**
 * Where the body ends if the token at `p` is the next boundary: before the line break preceding the
 * boundary line, or right at the dashes when a camera glued them to the JPEG's end marker (FF D9).
 */
function bodyEnd(q: ByteQueue, p: number): number | undefined {
  const lineStart = boundaryLineStart(q, p);
  if (lineStart !== undefined) {
    if (lineStart === 0) return 0;
    const lf = lineStart - 1;
    return lf > 0 && q.at(lf - 1) === CR ? lf - 1 : lf;
  }
  let start = p;
  while (start > 0 && q.at(start - 1) === DASH) start--;
  const glued = p - start >= 2 && start >= 2 && q.at(start - 2) === 0xff && q.at(start - 1) === 0xd9;
  return glued ? start : undefined;
}
