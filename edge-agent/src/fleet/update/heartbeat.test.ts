// The agent's heartbeat: written at once and then on its timer with new text each time, stopped by
// stop(), asked for only through the launcher's environment; bad settings and write errors are reported.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HEARTBEAT_MS, heartbeatFromEnv, startHeartbeat } from './heartbeat.js';

describe('heartbeat', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heartbeat-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewrites the file on its timer with new text each beat, and stops', async () => {
    const file = path.join(dir, 'heartbeat');
    const hb = startHeartbeat({ file, intervalMs: 20 });
    const seen = new Set<string>();
    await waitFor(
      async () => {
        seen.add(await readFile(file, 'utf8').catch(() => ''));
        return seen.size;
      },
      (n) => n >= 4,
    );
    hb.stop();
    const [pid, seq] = (await readFile(file, 'utf8')).trim().split(' ');
    expect(Number(pid)).toBe(process.pid);
    expect(Number(seq)).toBeGreaterThanOrEqual(3);
    // Once stopped, no more beats (give a pending write time to land first).
    await new Promise((r) => setTimeout(r, 60));
    const after = hb.beats;
    const text = await readFile(file, 'utf8');
    await new Promise((r) => setTimeout(r, 100));
    expect(hb.beats).toBe(after);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reports a write it cannot make and keeps trying', async () => {
    const errors: Error[] = [];
    const file = path.join(dir, 'missing-dir', 'heartbeat');
    const hb = startHeartbeat({ file, intervalMs: 10, onError: (e) => errors.push(e) });
    await waitFor(
      () => errors.length,
      (n) => n >= 2,
    );
    hb.stop();
    expect(hb.beats).toBe(0);
    expect(errors[0]?.message).toContain(file);
  });

  it('beats only when the launcher asks, at its interval, and reports a malformed interval', async () => {
    expect(heartbeatFromEnv({})).toBeUndefined();
    const file = path.join(dir, 'heartbeat');
    const asked = heartbeatFromEnv({ EDGE_HEARTBEAT_FILE: file, EDGE_HEARTBEAT_MS: '25' });
    expect(asked).toMatchObject({ file, intervalMs: 25 });
    asked?.stop();
    const errors: Error[] = [];
    const bad = heartbeatFromEnv({ EDGE_HEARTBEAT_FILE: file, EDGE_HEARTBEAT_MS: '10s' }, (e) =>
      errors.push(e),
    );
    bad?.stop();
    expect(bad?.intervalMs).toBe(DEFAULT_HEARTBEAT_MS);
    expect(errors.map((e) => e.message)).toEqual([
      'EDGE_HEARTBEAT_MS: "10s" is not a positive whole number; using 10000',
    ]);
    const fallback = heartbeatFromEnv({ EDGE_HEARTBEAT_FILE: file });
    fallback?.stop();
    expect(fallback?.intervalMs).toBe(DEFAULT_HEARTBEAT_MS);
  });
});
