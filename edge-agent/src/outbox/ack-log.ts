// Settlement markers, one file per segment (`000000000001.ack`): a 16-byte entry for every record that
// no longer needs sending — acknowledged by the broker (PUBACK) or dropped by the bound, with the
// reason. Entries are appended in groups and fdatasync'd, so an ack costs 16 bytes, not a rewrite.
// A torn or damaged entry is ignored: at worst a message is sent twice, and the hub de-duplicates.
import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from './crc32.js';
import { isNotFound, syncDir, writeFully } from './fs-util.js';
import { GroupCommit } from './group-commit.js';

/** Why a record left the outbox. Codes on disk are the positions in this list: never reorder. */
export const SETTLE_REASONS = ['acked', 'max-messages', 'max-bytes', 'corrupt'] as const;
export type SettleReason = (typeof SETTLE_REASONS)[number];
export type DropReason = Exclude<SettleReason, 'acked'>;

export const ACK_ENTRY_BYTES = 16;
const ACK_FILE = /^(\d{12})\.ack$/;

export interface AckLogOptions {
  dir: string;
  /** How long a marker waits for company before the group is written and synced. */
  lingerMs: number;
}

interface Mark {
  segment: number;
  seq: number;
  reason: SettleReason;
}

export function encodeAckEntry(seq: number, reason: SettleReason): Buffer {
  const b = Buffer.alloc(ACK_ENTRY_BYTES);
  b.writeDoubleBE(seq, 0); // exact for every safe integer
  b.writeUInt8(SETTLE_REASONS.indexOf(reason), 8);
  b.writeUInt32BE(crc32(b, 0, 12), 12);
  return b;
}

/** Every intact entry of an ack file; damaged entries and a torn tail are skipped. */
export function decodeAckEntries(buf: Buffer): { seq: number; reason: SettleReason }[] {
  const out: { seq: number; reason: SettleReason }[] = [];
  for (let p = 0; p + ACK_ENTRY_BYTES <= buf.length; p += ACK_ENTRY_BYTES) {
    if (crc32(buf, p, p + 12) !== buf.readUInt32BE(p + 12)) continue;
    const seq = buf.readDoubleBE(p);
    const reason = SETTLE_REASONS[buf.readUInt8(p + 8)];
    if (reason && Number.isSafeInteger(seq) && seq >= 0) out.push({ seq, reason });
  }
  return out;
}

export function ackFileName(segment: number): string {
  return `${String(segment).padStart(12, '0')}.ack`;
}

export class AckLog {
  readonly #files = new Map<number, Promise<{ fh: FileHandle; size: number }>>();
  readonly #removed = new Set<number>();
  readonly #commit: GroupCommit<Mark, undefined>;

  constructor(private readonly o: AckLogOptions) {
    this.#commit = new GroupCommit({ flush: (marks) => this.#flush(marks), lingerMs: o.lingerMs });
  }

  /** Reads every ack file: which sequence numbers are settled, and which segments have ack files. */
  async open(): Promise<{ settled: Map<number, SettleReason>; segments: number[] }> {
    await mkdir(this.o.dir, { recursive: true });
    const settled = new Map<number, SettleReason>();
    const segments: number[] = [];
    for (const name of await readdir(this.o.dir)) {
      const m = ACK_FILE.exec(name);
      if (!m) continue;
      const segment = Number(m[1]);
      segments.push(segment);
      const buf = await readFile(path.join(this.o.dir, name));
      for (const e of decodeAckEntries(buf)) settled.set(e.seq, e.reason);
      // Later entries go at a whole-entry boundary, after a torn tail if there is one.
      const size = buf.length - (buf.length % ACK_ENTRY_BYTES);
      this.#files.set(
        segment,
        open(path.join(this.o.dir, name), 'r+').then((fh) => ({ fh, size })),
      );
    }
    return { settled, segments: segments.sort((a, b) => a - b) };
  }

  /** Records that `seq`, stored in `segment`, is settled. Resolves once the marker is durable. */
  mark(segment: number, seq: number, reason: SettleReason): Promise<void> {
    if (this.#removed.has(segment)) return Promise.resolve();
    return this.#commit.submit({ segment, seq, reason });
  }

  /** Makes every marker made so far durable. */
  drain(): Promise<void> {
    return this.#commit.drain();
  }

  /** Deletes a segment's markers, after its records are gone; later markers for it are ignored. */
  async remove(segment: number): Promise<void> {
    this.#removed.add(segment);
    await this.#commit.drain();
    const file = this.#files.get(segment);
    this.#files.delete(segment);
    await (await file?.catch(() => undefined))?.fh.close();
    try {
      await unlink(path.join(this.o.dir, ackFileName(segment)));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async close(): Promise<void> {
    await this.#commit.drain();
    const files = [...this.#files.values()];
    this.#files.clear();
    for (const f of files) await (await f.catch(() => undefined))?.fh.close();
  }

  async #flush(marks: Mark[]): Promise<undefined[]> {
    const bySegment = new Map<number, Buffer[]>();
    for (const m of marks) {
      if (this.#removed.has(m.segment)) continue;
      const list = bySegment.get(m.segment) ?? [];
      list.push(encodeAckEntry(m.seq, m.reason));
      bySegment.set(m.segment, list);
    }
    await Promise.all(
      [...bySegment].map(async ([segment, entries]) => {
        const file = await this.#file(segment);
        const buf = Buffer.concat(entries);
        // Positional writes: after a failed write the next one overwrites the partial entry.
        await writeFully(file.fh, buf, file.size);
        await file.fh.datasync();
        file.size += buf.length;
      }),
    );
    return marks.map(() => undefined);
  }

  #file(segment: number): Promise<{ fh: FileHandle; size: number }> {
    let file = this.#files.get(segment);
    if (!file) {
      file = (async () => {
        const fh = await open(path.join(this.o.dir, ackFileName(segment)), 'w+');
        await syncDir(this.o.dir);
        return { fh, size: 0 };
      })();
      this.#files.set(segment, file);
      file.catch(() => this.#files.delete(segment));
    }
    return file;
  }
}
