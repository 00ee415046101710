import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_HEADER_BYTES } from './record-codec.js';
import { type RecordLocation, SegmentLog, segmentFileName } from './segment-log.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'segment-log-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const body = (i: number) => Buffer.from(`record ${i} ${'x'.repeat(i % 50)}`);

async function reopen(dir: string) {
  const log = new SegmentLog({ dir, segmentBytes: 1024 });
  const found: { text: string; at: RecordLocation }[] = [];
  const report = await log.open((b, at) => found.push({ text: b.toString(), at }));
  return { log, found, report };
}

async function writeLog(dir: string, n: number): Promise<RecordLocation[]> {
  const log = new SegmentLog({ dir, segmentBytes: 1024 });
  await log.open(() => {});
  // Groups of concurrent appends: each group is one write and one sync, and segments roll over.
  const at: RecordLocation[] = [];
  for (let i = 0; i < n; i += 7) {
    const group = Array.from({ length: Math.min(7, n - i) }, (_, j) => log.append(body(i + j)));
    at.push(...(await Promise.all(group)));
  }
  await log.close();
  return at;
}

describe('SegmentLog', () => {
  it('keeps every appended record, in order, across segments and reopening', async () => {
    const dir = await tempDir();
    const at = await writeLog(dir, 200);
    const { log, found, report } = await reopen(dir);
    expect(found.map((f) => f.text)).toEqual(Array.from({ length: 200 }, (_, i) => body(i).toString()));
    expect(found.map((f) => f.at)).toEqual(at);
    expect(report).toMatchObject({ records: 200, corruptRegions: 0, tornTailBytes: 0 });
    expect(report.segments).toBeGreaterThan(1);
    expect((await log.read(at[123]!))?.toString()).toBe(body(123).toString());
    // A new run appends to a new segment, never behind the old bytes.
    const next = await log.append(body(200));
    expect(next.segment).toBe(Math.max(...at.map((a) => a.segment)) + 1);
    await log.close();
  });

  it('after a tear in the last segment keeps the whole records before it, drops the rest, and truncates', async () => {
    const template = await tempDir();
    const at = await writeLog(template, 60);
    const lastSegment = Math.max(...at.map((a) => a.segment));
    const inLast = at.filter((a) => a.segment === lastSegment);
    expect(inLast.length).toBeGreaterThan(3);
    const lastSize = inLast.reduce((n, a) => Math.max(n, a.offset + a.length), 0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lastSize - 1 }), async (cut) => {
        const dir = await tempDir();
        await cp(template, dir, { recursive: true });
        await truncate(path.join(dir, segmentFileName(lastSegment)), cut);
        const { log, found, report } = await reopen(dir);
        await log.close();
        const survivors = at.filter((a) => a.segment < lastSegment || a.offset + a.length <= cut);
        expect(found.map((f) => f.at)).toEqual(survivors);
        expect(report.corruptRegions).toBe(0);
        const again = await reopen(dir);
        await again.log.close();
        expect(again.found.map((f) => f.at)).toEqual(survivors);
        expect(again.report.tornTailBytes).toBe(0);
        await rm(dir, { recursive: true });
      }),
      { numRuns: 40 },
    );
  });

  it('skips and counts a damaged record in any segment, and keeps the records after it', async () => {
    const dir = await tempDir();
    const at = await writeLog(dir, 60);
    const segments = [...new Set(at.map((a) => a.segment))];
    expect(segments.length).toBeGreaterThan(2);
    // Damage the middle of the first segment and the last-but-one record of the last segment.
    const victims = [
      at.filter((a) => a.segment === segments[0])[3]!,
      at.filter((a) => a.segment === segments.at(-1)).at(-2)!,
    ];
    for (const v of victims) {
      const file = path.join(dir, segmentFileName(v.segment));
      const buf = await readFile(file);
      buf[v.offset + RECORD_HEADER_BYTES + 2]! ^= 0x55;
      await writeFile(file, buf);
    }
    const { log, found, report } = await reopen(dir);
    await log.close();
    expect(found.map((f) => f.at)).toEqual(at.filter((a) => !victims.includes(a)));
    expect(report.corruptRegions).toBe(2);
    expect(report.tornTailBytes).toBe(0);
  });

  it('opens an empty or missing directory, and ignores files that are not segments', async () => {
    const dir = path.join(await tempDir(), 'nested', 'outbox');
    const first = await reopen(dir);
    expect(first.report).toEqual({ segments: 0, records: 0, corruptRegions: 0, tornTailBytes: 0 });
    await first.log.close();
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    const second = await reopen(dir);
    expect(second.report.segments).toBe(0);
    await second.log.close();
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });
});
