import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';
import { type OutboxConfigInput, outboxConfigSchema } from './outbox-config.js';
import { decodeOutboxRecord } from './outbox-record.js';
import { RECORD_HEADER_BYTES, scanRecords } from './record-codec.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

let clock = 1_700_000_000_000;
const now = () => clock;
const config = (over: OutboxConfigInput = {}) =>
  outboxConfigSchema.parse({ segmentBytes: 4096, ackLingerMs: 0, ...over });

async function openOutbox(dir: string, over: OutboxConfigInput = {}): Promise<Outbox> {
  const outbox = new Outbox({ dir, config: config(over), now });
  await outbox.open();
  return outbox;
}

const message = (seq: number, kind = 'counts') => ({
  seq,
  kind,
  topic: `retail/v1/s1/gw-1/${kind}`,
  payload: JSON.stringify({ msgId: `gw-1:${seq}`, pad: 'x'.repeat(100) }),
});
const seqs = (outbox: Outbox) => [...outbox.pending()].map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Enqueues in groups of concurrent calls, as a busy gateway would (several writes, several segments). */
async function fill(outbox: Outbox, list: number[], kindOf: (seq: number) => string = () => 'counts') {
  for (let i = 0; i < list.length; i += 10)
    await Promise.all(list.slice(i, i + 10).map((seq) => outbox.enqueue(message(seq, kindOf(seq)))));
}

/** What `kill -9` leaves: the files as written so far (the page cache survives a process crash). */
async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir();
  await cp(dir, copy, { recursive: true });
  return copy;
}

describe('Outbox', () => {
  it('stores messages durably and hands them out in sequence order, however they arrived', async () => {
    const dir = await tempDir();
    const outbox = await openOutbox(dir);
    expect(await outbox.enqueue(message(5))).toBe('stored');
    await Promise.all([outbox.enqueue(message(7)), outbox.enqueue(message(6)), outbox.enqueue(message(3))]);
    expect(seqs(outbox)).toEqual([3, 5, 6, 7]);
    expect(await outbox.read(6)).toMatchObject({ ...message(6), enqueuedAt: clock });

    const reopened = await openOutbox(await crashCopy(dir));
    expect(seqs(reopened)).toEqual([3, 5, 6, 7]);
    expect(await reopened.read(7)).toMatchObject(message(7));
    expect(reopened.highestSeq).toBe(7);
    await Promise.all([outbox.close(), reopened.close()]);
  });

  it('refuses live-only kinds, a sequence number already waiting, and messages that can never fit', async () => {
    const outbox = await openOutbox(await tempDir(), { maxBytes: 4096 });
    await expect(outbox.enqueue(message(1, 'status'))).rejects.toThrow(/never queued/);
    await outbox.enqueue(message(2));
    await expect(outbox.enqueue(message(2))).rejects.toThrow(/already waiting/);
    await expect(outbox.enqueue({ ...message(3), payload: 'x'.repeat(5000) })).rejects.toThrow(/never fit/);
    await expect(outbox.enqueue({ ...message(4), seq: -1 })).rejects.toThrow(RangeError);
    expect(seqs(outbox)).toEqual([2]);
    await outbox.close();
    await expect(outbox.enqueue(message(5))).rejects.toThrow(/closed/);
  });

  it('forgets an acknowledged message for good: after ack() resolves a crash does not bring it back', async () => {
    const dir = await tempDir();
    const outbox = await openOutbox(dir);
    await fill(outbox, range(0, 30));
    await Promise.all([outbox.ack(3), outbox.ack(17), outbox.ack(29), outbox.ack(1000)]);
    const expected = range(0, 30).filter((s) => ![3, 17, 29].includes(s));
    expect(seqs(outbox)).toEqual(expected);
    const reopened = await openOutbox(await crashCopy(dir));
    expect(seqs(reopened)).toEqual(expected);
    await Promise.all([outbox.close(), reopened.close()]);
  });

  it('deletes a segment once every record in it is acknowledged', async () => {
    const dir = await tempDir();
    const outbox = await openOutbox(dir);
    await fill(outbox, range(0, 120));
    expect(outbox.stats().segments).toBeGreaterThan(3);
    await Promise.all(range(0, 120).map((s) => outbox.ack(s)));
    // Only the segment still taking appends remains, with its markers.
    const files = await waitFor(
      () => readdir(dir),
      (f) => f.length === 2,
    );
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.ack', '.seg']);
    expect(outbox.stats()).toMatchObject({ depth: 0, bytes: 0, segments: 1 });
    await outbox.close();
    const reopened = await openOutbox(dir);
    expect(seqs(reopened)).toEqual([]);
    await waitFor(
      () => readdir(dir),
      (f) => f.length === 0,
    );
    await reopened.close();
  });

  it('after a tear in the last segment keeps every whole record before it and nothing after, without throwing', async () => {
    const template = await tempDir();
    const outbox = await openOutbox(template);
    await fill(outbox, range(0, 60));
    const acked = [2, 30, 41, 59];
    await Promise.all(acked.map((s) => outbox.ack(s)));
    await outbox.close();
    const segmentFiles = (await readdir(template)).filter((f) => f.endsWith('.seg')).sort();
    expect(segmentFiles.length).toBeGreaterThan(1);
    const last = segmentFiles.at(-1)!;
    const lastRecords = scanRecords(await readFile(path.join(template, last))).records.map((r) => ({
      end: r.offset + r.length,
      seq: decodeOutboxRecord(r.body)!.seq,
    }));
    const inLast = new Set(lastRecords.map((r) => r.seq));
    const lastSize = (await stat(path.join(template, last))).size;

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lastSize - 1 }), async (cut) => {
        const dir = await crashCopy(template);
        await truncate(path.join(dir, last), cut);
        const reopened = await openOutbox(dir);
        const survivors = range(0, 60).filter(
          (s) => !acked.includes(s) && (!inLast.has(s) || lastRecords.find((r) => r.seq === s)!.end <= cut),
        );
        expect(seqs(reopened)).toEqual(survivors);
        expect(reopened.stats().corruptRecords).toBe(0);
        await reopened.close();
        await rm(dir, { recursive: true });
      }),
      { numRuns: 40 },
    );
  });

  it('drops a record that is damaged on disk when it is read back, and counts it', async () => {
    const dir = await tempDir();
    const outbox = await openOutbox(dir, { cacheBytes: 0 });
    await fill(outbox, [1, 2, 3]);
    const seg = (await readdir(dir)).find((f) => f.endsWith('.seg'))!;
    const file = path.join(dir, seg);
    const buf = await readFile(file);
    const second = scanRecords(buf).records[1]!;
    buf[second.offset + RECORD_HEADER_BYTES + 5]! ^= 0x01;
    await writeFile(file, buf);
    expect(await outbox.read(2)).toBeUndefined();
    expect(await outbox.read(3)).toMatchObject(message(3));
    expect(seqs(outbox)).toEqual([1, 3]);
    expect(outbox.stats()).toMatchObject({ corruptRecords: 1, dropped: { counts: 1 }, droppedTotal: 1 });
    await outbox.close();
  });

  it('reports depth, bytes and the age of the oldest waiting message from the injected clock', async () => {
    const outbox = await openOutbox(await tempDir());
    expect(outbox.stats()).toMatchObject({ depth: 0, bytes: 0, oldestAgeMs: 0, droppedTotal: 0 });
    await outbox.enqueue(message(1));
    clock += 5000;
    await outbox.enqueue(message(2));
    clock += 1000;
    const s = outbox.stats();
    expect(s).toMatchObject({ depth: 2, oldestAgeMs: 6000 });
    expect(s.bytes).toBe([...outbox.pending()].reduce((n, e) => n + e.bytes, 0));
    await outbox.close();
  });
});

describe('Outbox bound and drop policy', () => {
  // seq → kind, in arrival order; the outbox holds 6.
  const arrivals: [number, string][] = [
    [0, 'counts'],
    [1, 'metrics'],
    [2, 'heatmap'],
    [3, 'metrics'],
    [4, 'counts'],
    [5, 'heatmap'],
    [6, 'counts'],
    [7, 'counts'],
    [8, 'metrics'],
    [9, 'counts'],
    [10, 'counts'],
    [11, 'zones'],
  ];
  const policy = (order: 'oldest-first' | 'newest-first') => ({
    maxMessages: 6,
    dropPolicy: { order, kindPriority: ['metrics' as const, 'heatmap' as const] },
  });

  it('oldest-first: sacrifices listed kinds in priority order, oldest first, then the oldest of the rest', async () => {
    const outbox = await openOutbox(await tempDir(), policy('oldest-first'));
    const outcomes = [];
    for (const [seq, kind] of arrivals) outcomes.push(await outbox.enqueue(message(seq, kind)));
    // 6,7 push out metrics 1,3; 8 is itself the oldest metrics; 9,10 push out heatmap 2,5; 11 the oldest counts, 0.
    expect(seqs(outbox)).toEqual([4, 6, 7, 9, 10, 11]);
    expect(outcomes[8]).toBe('dropped');
    expect(outbox.stats()).toMatchObject({
      depth: 6,
      dropped: { metrics: 3, heatmap: 2, counts: 1 },
      droppedByReason: { 'max-messages': 6, 'max-bytes': 0 },
      droppedTotal: 6,
    });
    await outbox.close();
  });

  it('newest-first: keeps history and refuses what arrives last within the kind being sacrificed', async () => {
    const dir = await tempDir();
    const outbox = await openOutbox(dir, policy('newest-first'));
    const outcomes = [];
    for (const [seq, kind] of arrivals) outcomes.push(await outbox.enqueue(message(seq, kind)));
    // 6,7 push out metrics 3,1; 8 is the newest metrics; 9,10 push out heatmap 5,2; 11 (zones) is the newest of the rest.
    expect(seqs(outbox)).toEqual([0, 4, 6, 7, 9, 10]);
    expect(outcomes.flatMap((o, i) => (o === 'dropped' ? [i] : []))).toEqual([8, 11]);
    expect(outbox.stats().dropped).toEqual({ metrics: 3, heatmap: 2, zones: 1 });
    // Drops are durable like acknowledgements: they do not come back.
    const reopened = await openOutbox(await crashCopy(dir), policy('newest-first'));
    expect(seqs(reopened)).toEqual([0, 4, 6, 7, 9, 10]);
    await Promise.all([outbox.close(), reopened.close()]);
  });

  it('bounds bytes as well as messages', async () => {
    const outbox = await openOutbox(await tempDir(), { maxBytes: 4096 });
    await fill(outbox, range(0, 60));
    const s = outbox.stats();
    expect(s.bytes).toBeLessThanOrEqual(4096);
    expect(s.droppedByReason['max-bytes']).toBe(60 - s.depth);
    expect(seqs(outbox)).toEqual(range(60 - s.depth, 60));
    await outbox.close();
  });

  it('drops exactly what a naive model of the policy drops, even for concurrent enqueues', async () => {
    const kinds = ['counts', 'metrics', 'heatmap', 'reply', 'zones'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('oldest-first' as const, 'newest-first' as const),
        fc.shuffledSubarray(['metrics', 'heatmap', 'zones'] as const),
        fc.integer({ min: 1, max: 12 }),
        async (arrivalKinds, order, kindPriority, maxMessages) => {
          const dir = await tempDir();
          const outbox = await openOutbox(dir, { maxMessages, dropPolicy: { order, kindPriority } });
          const outcomes = await Promise.all(
            arrivalKinds.map((kind, seq) => outbox.enqueue(message(seq, kind))),
          );

          const model: { seq: number; kind: string }[] = [];
          const dropped: Record<string, number> = {};
          arrivalKinds.forEach((kind, seq) => {
            model.push({ seq, kind });
            if (model.length <= maxMessages) return;
            const listed = kindPriority.find((k) => model.some((m) => m.kind === k));
            const group = model.filter((m) =>
              listed ? m.kind === listed : !(kindPriority as readonly string[]).includes(m.kind),
            );
            const victim = order === 'oldest-first' ? group[0]! : group.at(-1)!;
            model.splice(model.indexOf(victim), 1);
            dropped[victim.kind] = (dropped[victim.kind] ?? 0) + 1;
          });
          expect(seqs(outbox)).toEqual(model.map((m) => m.seq));
          expect(outbox.stats().dropped).toEqual(dropped);
          expect(outcomes.filter((o) => o === 'stored').length).toBe(model.length);
          await outbox.close();
          const reopened = await openOutbox(dir);
          expect(seqs(reopened)).toEqual(model.map((m) => m.seq));
          await reopened.close();
          await rm(dir, { recursive: true });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps disk use bounded when the policy drops a little from every segment (compaction)', async () => {
    const dir = await tempDir();
    const maxBytes = 64 * 1024;
    const bound = {
      maxBytes,
      dropPolicy: { order: 'oldest-first' as const, kindPriority: ['metrics' as const] },
    };
    const outbox = await openOutbox(dir, bound);
    // One message in ten is `counts`, and all of them fit; the bound drops the oldest `metrics`, so
    // every segment written keeps a few live records. Without compaction that is ~500 KiB on disk.
    const kindOf = (seq: number) => (seq % 10 === 0 ? 'counts' : 'metrics');
    let peak = 0;
    for (let i = 0; i < 2000; i += 100) {
      await fill(outbox, range(i, i + 100), kindOf);
      peak = Math.max(peak, outbox.stats().diskBytes);
    }
    const waiting = seqs(outbox);
    expect(waiting.filter((s) => kindOf(s) === 'counts')).toEqual(range(0, 200).map((i) => i * 10));
    await outbox.close();
    // Segments stay around 2 × maxBytes plus a few segments; the ack files add 16 bytes per settled record.
    expect(peak).toBeLessThanOrEqual(2 * maxBytes + 3 * 4096);
    let diskBytes = 0;
    for (const f of await readdir(dir)) diskBytes += (await stat(path.join(dir, f))).size;
    expect(diskBytes).toBeLessThanOrEqual(2 * maxBytes + 4 * 4096);
    const reopened = await openOutbox(dir, bound);
    expect(seqs(reopened)).toEqual(waiting);
    expect(reopened.stats().corruptRecords).toBe(0);
    await reopened.close();
  });
});

describe('outboxConfigSchema', () => {
  it('fills every default and refuses contradictions', () => {
    const c = outboxConfigSchema.parse({});
    expect(c).toMatchObject({
      maxMessages: 100_000,
      maxBytes: 64 * 1024 * 1024,
      segmentBytes: 4 * 1024 * 1024,
      inflight: 32,
      neverQueue: ['status'],
      retry: { initialMs: 500, maxMs: 30_000, jitter: 0.3 },
      dropPolicy: { order: 'oldest-first', kindPriority: ['metrics', 'heatmap', 'zones', 'paths', 'counts'] },
    });
    const typo = outboxConfigSchema.safeParse({ dropPolicy: { kindPriority: ['heatmaps'] } });
    expect(typo.error?.issues.map((i) => i.path.join('.'))).toEqual(['dropPolicy.kindPriority.0']);
    const contradictions = outboxConfigSchema.safeParse({
      maxBytes: 8192,
      segmentBytes: 16_384,
      dropPolicy: { kindPriority: ['status', 'counts', 'counts'] },
    });
    expect(contradictions.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'segmentBytes',
      'dropPolicy.kindPriority.0',
      'dropPolicy.kindPriority.2',
    ]);
  });
});
