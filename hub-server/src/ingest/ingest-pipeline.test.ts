// Group commit in the ingest pipeline, on a real SQLite repository: what arrives together is one
// transaction; after a big batch the next waits (briefly) to gather rather than committing a handful;
// a trickle is committed at once; everything is stored exactly once either way.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayTraffic } from '../bench/bench-messages.js';
import { createPseudonymizer } from '../privacy/pseudonym.js';
import { HubRepository } from '../storage/repository.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';

const DAY = Date.UTC(2026, 10, 2);
const repos: HubRepository[] = [];
afterEach(async () => {
  for (const r of repos.splice(0)) await r.close();
});

async function pipeline(gatherMs: number) {
  const repo = await HubRepository.open({
    dataDir: await mkdtemp(path.join(tmpdir(), 'hub-pipeline-')),
    now: Date.now,
  });
  repos.push(repo);
  const counters = new IngestCounters();
  const p = new IngestPipeline({
    repo,
    pseudonymize: createPseudonymizer(Buffer.alloc(32, 1)),
    counters,
    logger: pino({ level: 'silent' }),
    now: Date.now,
    gatherMs,
  });
  const traffic = gatewayTraffic('s1', 'gw1', 400, DAY, 1);
  const submit = (from: number, to: number) =>
    traffic.slice(from, to).map((m) =>
      p.submit({
        topic: m.topic,
        payload: Buffer.from(m.payload),
        receivedAt: Date.now(),
      }),
    );
  return { p, repo, counters, submit };
}

describe('IngestPipeline group commit', () => {
  it('commits what arrives in one turn as one batch, then waits for the next to gather', async () => {
    const { counters, submit, repo } = await pipeline(200);
    const first = submit(0, 100);
    expect(await Promise.all(first)).toEqual(Array(100).fill('stored'));
    expect(counters.batches).toBe(1);
    // Fewer than half the last batch: they wait for more (up to 200 ms) …
    const few = submit(100, 120);
    await new Promise((r) => setTimeout(r, 50));
    expect(counters.batches).toBe(1);
    // … and go as soon as half the last batch is here, together.
    const more = submit(120, 150);
    expect(await Promise.all([...few, ...more])).toEqual(Array(50).fill('stored'));
    expect(counters.batches).toBe(2);
    const rows = await repo.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM messages');
    expect(Number(rows[0]!.n)).toBe(150);
  });

  it('commits a gathering batch when the wait is over, and a trickle at once', async () => {
    const { counters, submit, p } = await pipeline(30);
    await Promise.all(submit(0, 60));
    const one = submit(60, 61);
    await new Promise((r) => setImmediate(r));
    expect(counters.batches).toBe(1);
    expect(await Promise.all(one)).toEqual(['stored']);
    expect(counters.batches).toBe(2);
    // The last batch was one message: the next is not held back at all (no timer involved).
    const next = submit(61, 62);
    await p.drain();
    expect(await Promise.all(next)).toEqual(['stored']);
    expect(counters.batches).toBe(3);
    expect(counters.stored).toBe(62);
  });

  it('stores resent messages once', async () => {
    const { counters, submit } = await pipeline(10);
    await Promise.all(submit(0, 40));
    expect(await Promise.all(submit(30, 50))).toEqual([
      ...Array(10).fill('duplicate'),
      ...Array(10).fill('stored'),
    ]);
    expect(counters.stored).toBe(50);
    expect(counters.duplicates).toBe(10);
  });
});
