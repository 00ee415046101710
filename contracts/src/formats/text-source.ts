// Where parsers read text from (a file stream, an array of strings, a generator), and how that is cut into
// numbered lines without ever holding more than one line in memory.

/** Chunks of text or UTF-8 bytes, e.g. `fs.createReadStream(path)` or `['a,b\n', '1,2\n']`. */
export type TextSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface SourceLine {
  /** 1-based; blank lines are counted (and yielded) so numbers match what an editor shows. */
  line: number;
  /** Without its line ending (LF or CRLF). */
  text: string;
  /** Set when the line was longer than `maxLineLength`; `text` then holds only its beginning. */
  truncated?: true;
}

export interface LineOptions {
  /** Longer lines are cut (and flagged) so that a binary file or a missing newline cannot exhaust memory. */
  maxLineLength?: number;
}

/** 1 Mi characters: far beyond any sane line of these formats, far below V8's string limit. */
export const DEFAULT_MAX_LINE_LENGTH = 1 << 20;

const BOM = '\uFEFF';

/** Decoded text chunks in order, with a leading byte-order mark removed. */
export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  // A bare string is an Iterable<string> too, but iterating it would go one character at a time.
  const chunks: TextSource = typeof source === 'string' ? [source] : source;
  // ignoreBOM keeps the mark so it is stripped in one place whether the input came as bytes or strings.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pendingBytes = false;
  let started = false;
  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === 'string') {
      // Bytes left over from a previous binary chunk cannot be completed by a string; flush them as U+FFFD.
      text = pendingBytes ? decoder.decode() + chunk : chunk;
      pendingBytes = false;
    } else {
      text = decoder.decode(chunk, { stream: true });
      pendingBytes = true;
    }
    if (!started && text.length > 0) {
      started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (text.length > 0) yield text;
  }
  if (pendingBytes) {
    const rest = decoder.decode();
    if (rest.length > 0) yield started || !rest.startsWith(BOM) ? rest : rest.slice(1);
  }
}

/** The source's lines, numbered from 1. A final line without a newline is included; an empty one is not. */
export async function* linesOf(source: TextSource, options: LineOptions = {}): AsyncGenerator<SourceLine> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // Pieces of the current line that arrived in earlier chunks; capped at max + 1 (room for a trailing CR).
  let parts: string[] = [];
  let partsLength = 0;
  let overflow = false;
  let line = 0;

  const finish = (last: string): SourceLine => {
    let text = parts.length === 0 ? last : parts.join('') + last;
    parts = [];
    partsLength = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    line += 1;
    const truncated = overflow || text.length > max;
    overflow = false;
    return truncated ? { line, text: text.slice(0, max), truncated } : { line, text };
  };
  const keep = (piece: string): string => {
    const room = max + 1 - partsLength;
    if (piece.length > room) overflow = true;
    return piece.length > room ? piece.slice(0, Math.max(room, 0)) : piece;
  };

  for await (const chunk of textChunks(source)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      yield finish(keep(chunk.slice(start, nl)));
      start = nl + 1;
    }
    const piece = start < chunk.length ? keep(chunk.slice(start)) : '';
    if (piece.length > 0) {
      parts.push(piece);
      partsLength += piece.length;
    }
  }
  if (partsLength > 0 || overflow) yield finish('');
}
