import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { decodeRecordAt, encodeRecord, RECORD_HEADER_BYTES, scanRecords } from './record-codec.js';

const bodies = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 });

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => crc32(b) === zlibCrc32(b)));
  });
});

describe('record framing', () => {
  it('round-trips any sequence of bodies', () => {
    fc.assert(
      fc.property(bodies, (bs) => {
        const scan = scanRecords(Buffer.concat(bs.map(encodeRecord)));
        expect(scan.records.map((r) => [...r.body])).toEqual(bs.map((b) => [...b]));
        expect(scan.corruptRegions).toBe(0);
        expect(scan.validEnd).toBe(bs.reduce((n, b) => n + RECORD_HEADER_BYTES + b.length, 0));
      }),
    );
  });

  it('after a tear keeps exactly the records wholly before it', () => {
    fc.assert(
      fc.property(bodies, fc.nat(), (bs, cut) => {
        const whole = Buffer.concat(bs.map(encodeRecord));
        const at = whole.length === 0 ? 0 : cut % (whole.length + 1);
        const scan = scanRecords(whole.subarray(0, at));
        let end = 0;
        const expected = bs.filter((b) => {
          end += RECORD_HEADER_BYTES + b.length;
          return end <= at;
        });
        expect(scan.records.map((r) => [...r.body])).toEqual(expected.map((b) => [...b]));
        expect(scan.corruptRegions).toBe(0);
      }),
    );
  });

  it('skips a damaged record in the middle, counts it, and keeps the rest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 200 }), { minLength: 3, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        (bs, pick, flip) => {
          const frames = bs.map(encodeRecord);
          const victim = 1 + (pick % (frames.length - 2));
          const damaged = Buffer.from(frames[victim]!);
          const byte = flip % damaged.length;
          damaged[byte] = damaged[byte]! ^ 0xff;
          frames[victim] = damaged;
          const scan = scanRecords(Buffer.concat(frames));
          const expected = bs.filter((_, i) => i !== victim);
          expect(scan.records.map((r) => [...r.body])).toEqual(expected.map((b) => [...b]));
          expect(scan.corruptRegions).toBe(1);
        },
      ),
    );
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (bytes, at) => {
        const buf = Buffer.from(bytes);
        scanRecords(buf);
        decodeRecordAt(buf, at % (buf.length + 1));
      }),
    );
  });
});
