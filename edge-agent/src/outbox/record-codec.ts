// Framing of one record in a segment file: magic "OBX1", body length (u32 BE), CRC-32 of the body
// (u32 BE), body. The CRC detects torn and rotten records; the magic lets a scan find the next record
// after a damaged one whose length field cannot be trusted.
import { crc32 } from './crc32.js';

export const RECORD_MAGIC = 0x4f425831; // "OBX1"
export const RECORD_HEADER_BYTES = 12;
/** Larger length fields are damage, not records. */
export const MAX_RECORD_BODY_BYTES = 64 * 1024 * 1024;

const MAGIC_BYTES = Buffer.from([0x4f, 0x42, 0x58, 0x31]);

export function encodeRecord(body: Uint8Array): Buffer {
  if (body.length > MAX_RECORD_BODY_BYTES) throw new RangeError(`record body of ${body.length} bytes`);
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + body.length);
  out.writeUInt32BE(RECORD_MAGIC, 0);
  out.writeUInt32BE(body.length, 4);
  out.writeUInt32BE(crc32(body), 8);
  out.set(body, RECORD_HEADER_BYTES);
  return out;
}

/** The body of the record framed at `offset`, or undefined when there is no intact record there. */
export function decodeRecordAt(buf: Buffer, offset: number): Buffer | undefined {
  if (offset < 0 || offset + RECORD_HEADER_BYTES > buf.length) return undefined;
  if (buf.readUInt32BE(offset) !== RECORD_MAGIC) return undefined;
  const length = buf.readUInt32BE(offset + 4);
  const start = offset + RECORD_HEADER_BYTES;
  if (length > MAX_RECORD_BODY_BYTES || start + length > buf.length) return undefined;
  if (crc32(buf, start, start + length) !== buf.readUInt32BE(offset + 8)) return undefined;
  return buf.subarray(start, start + length);
}

export interface ScannedRecord {
  /** Where the frame starts. */
  offset: number;
  /** Frame length, header included. */
  length: number;
  body: Buffer;
}

export interface ScanResult {
  records: ScannedRecord[];
  /** Damaged stretches followed by an intact record (damage in the middle). */
  corruptRegions: number;
  /** End of the last intact record; what follows it is a torn or damaged tail. */
  validEnd: number;
}

/** Every intact record of a segment, skipping damaged stretches. Never throws on any input. */
export function scanRecords(buf: Buffer): ScanResult {
  const records: ScannedRecord[] = [];
  let corruptRegions = 0;
  let validEnd = 0;
  let inDamage = false;
  let p = 0;
  while (p + RECORD_HEADER_BYTES <= buf.length) {
    const body = decodeRecordAt(buf, p);
    if (body) {
      if (inDamage) corruptRegions++;
      inDamage = false;
      const length = RECORD_HEADER_BYTES + body.length;
      records.push({ offset: p, length, body });
      p += length;
      validEnd = p;
      continue;
    }
    inDamage = true;
    p = buf.indexOf(MAGIC_BYTES, p + 1);
    if (p < 0) break;
  }
  return { records, corruptRegions, validEnd };
}
