// An append-only log of framed records in numbered segment files (`000000000001.seg`, …) in one
// directory. `append()` resolves only once its record is written and fdatasync'd; concurrent appends
// share one write and one sync (group commit). Opening scans every segment: damage is skipped and
// counted, and the torn tail of the last segment (a write cut by power loss) is truncated away.
// Each process appends to a fresh segment, so it never writes behind bytes it did not write itself.
import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound, syncDir, writeFully } from './fs-util.js';
import { GroupCommit } from './group-commit.js';
import { decodeRecordAt, encodeRecord, scanRecords } from './record-codec.js';

export interface RecordLocation {
  segment: number;
  /** Where the frame starts in the segment file. */
  offset: number;
  /** Frame length, header included. */
  length: number;
}

export interface SegmentLogOptions {
  dir: string;
  /** A new segment is started once the current one holds this many bytes. */
  segmentBytes: number;
  /** Called when a segment stops taking appends, so its owner may delete it once it is settled. */
  onSealed?: (segment: number) => void;
}

export interface SegmentLogOpenReport {
  segments: number;
  records: number;
  /** Damaged stretches skipped (in the middle of a segment, or the tail of an older one). */
  corruptRegions: number;
  /** Bytes cut from the end of the last segment: a record that was being written when the power went. */
  tornTailBytes: number;
}

const SEGMENT_FILE = /^(\d{12})\.seg$/;

export function segmentFileName(id: number): string {
  return `${String(id).padStart(12, '0')}.seg`;
}

export class SegmentLog {
  readonly #sizes = new Map<number, number>();
  readonly #readers = new Map<number, Promise<FileHandle>>();
  readonly #commit: GroupCommit<Uint8Array, RecordLocation>;
  #active: { id: number; fh: FileHandle; size: number } | undefined;
  #nextId = 1;
  #closed = false;

  constructor(private readonly o: SegmentLogOptions) {
    this.#commit = new GroupCommit({ flush: (bodies) => this.#flush(bodies) });
  }

  /**
   * Scans the directory, reporting every intact record in order of segment and position. New segments
   * get ids above every existing one and above `idFloor` (ids other files are still named after).
   */
  async open(
    onRecord: (body: Buffer, at: RecordLocation) => void,
    idFloor = 0,
  ): Promise<SegmentLogOpenReport> {
    await mkdir(this.o.dir, { recursive: true });
    const ids = (await readdir(this.o.dir))
      .flatMap((name) => {
        const m = SEGMENT_FILE.exec(name);
        return m ? [Number(m[1])] : [];
      })
      .sort((a, b) => a - b);
    const report: SegmentLogOpenReport = {
      segments: ids.length,
      records: 0,
      corruptRegions: 0,
      tornTailBytes: 0,
    };
    for (const [i, id] of ids.entries()) {
      const buf = await readFile(this.#path(id));
      const scan = scanRecords(buf);
      for (const r of scan.records) onRecord(r.body, { segment: id, offset: r.offset, length: r.length });
      report.records += scan.records.length;
      report.corruptRegions += scan.corruptRegions;
      let size = buf.length;
      if (scan.validEnd < buf.length) {
        if (i === ids.length - 1) {
          report.tornTailBytes = buf.length - scan.validEnd;
          await this.#truncate(id, scan.validEnd);
          size = scan.validEnd;
        } else report.corruptRegions++;
      }
      this.#sizes.set(id, size);
    }
    this.#nextId = Math.max(ids.at(-1) ?? 0, idFloor) + 1;
    return report;
  }

  /** Appends one record body; resolves with its location once it is on stable storage. */
  append(body: Uint8Array): Promise<RecordLocation> {
    if (this.#closed) return Promise.reject(new Error('segment log is closed'));
    return this.#commit.submit(body);
  }

  /** The body at `at`, or undefined when the bytes there are no longer an intact record. */
  async read(at: RecordLocation): Promise<Buffer | undefined> {
    const fh = await this.#reader(at.segment);
    const buf = Buffer.allocUnsafe(at.length);
    const { bytesRead } = await fh.read(buf, 0, at.length, at.offset);
    return decodeRecordAt(buf.subarray(0, bytesRead), 0);
  }

  /** The whole file of a sealed segment. */
  readSegment(id: number): Promise<Buffer> {
    return readFile(this.#path(id));
  }

  /** Deletes a sealed segment. */
  async remove(id: number): Promise<void> {
    if (id === this.#active?.id) throw new Error(`segment ${id} is still taking appends`);
    this.#sizes.delete(id);
    const reader = this.#readers.get(id);
    this.#readers.delete(id);
    await (await reader?.catch(() => undefined))?.close();
    try {
      await unlink(this.#path(id));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Every segment on disk with its size in bytes. */
  segments(): ReadonlyMap<number, number> {
    return this.#sizes;
  }

  get diskBytes(): number {
    let n = 0;
    for (const size of this.#sizes.values()) n += size;
    return n;
  }

  /** The segment taking appends, if one was started. */
  get activeSegment(): number | undefined {
    return this.#active?.id;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#commit.drain();
    // The active segment's handle is among the readers.
    const handles = [...this.#readers.values()];
    this.#readers.clear();
    this.#active = undefined;
    for (const h of handles) await (await h.catch(() => undefined))?.close();
  }

  async #flush(bodies: Uint8Array[]): Promise<RecordLocation[]> {
    if (!this.#active || this.#active.size >= this.o.segmentBytes) await this.#roll();
    const active = this.#active!;
    const frames = bodies.map(encodeRecord);
    const start = active.size;
    const locations: RecordLocation[] = [];
    let offset = start;
    for (const f of frames) {
      locations.push({ segment: active.id, offset, length: f.length });
      offset += f.length;
    }
    try {
      await writeFully(active.fh, Buffer.concat(frames), start);
      await active.fh.datasync();
    } catch (err) {
      // Cut the partial write so later records do not land behind it; if even that fails, move on.
      await active.fh.truncate(start).catch(() => this.#seal());
      throw err;
    }
    active.size = offset;
    this.#sizes.set(active.id, offset);
    return locations;
  }

  async #roll(): Promise<void> {
    const id = this.#nextId++;
    const fh = await open(this.#path(id), 'wx+');
    await syncDir(this.o.dir);
    this.#seal();
    this.#active = { id, fh, size: 0 };
    this.#sizes.set(id, 0);
    this.#readers.set(id, Promise.resolve(fh));
  }

  #seal(): void {
    const sealed = this.#active?.id;
    this.#active = undefined;
    if (sealed !== undefined) this.o.onSealed?.(sealed);
  }

  #reader(id: number): Promise<FileHandle> {
    let fh = this.#readers.get(id);
    if (!fh) {
      fh = open(this.#path(id), 'r');
      this.#readers.set(id, fh);
      fh.catch(() => this.#readers.delete(id));
    }
    return fh;
  }

  async #truncate(id: number, size: number): Promise<void> {
    const fh = await open(this.#path(id), 'r+');
    try {
      await fh.truncate(size);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  #path(id: number): string {
    return path.join(this.o.dir, segmentFileName(id));
  }
}
