// The watchdog's decision (pure, with a fake clock) and its file poller (a real file, written by hand).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeartbeatTracker, resetHeartbeatFile, watchHeartbeat } from './watchdog.js';

describe('HeartbeatTracker', () => {
  it('allows the grace before the first beat and the timeout after it', () => {
    const t = new HeartbeatTracker(1000, 100, 500);
    expect(t.overdue(1400)).toBe(false); // still in the start grace
    expect(t.observe('', 1450)).toBe(false); // the launcher's empty file is no beat
    expect(t.overdue(1501)).toBe(true);
    expect(t.observe('1 1 x', 1510)).toBe(true);
    expect(t.overdue(1600)).toBe(false);
    expect(t.observe('1 1 x', 1605)).toBe(false); // the same text is the same beat
    expect(t.observe(undefined, 1606)).toBe(false); // unreadable
    expect(t.overdue(1611)).toBe(true);
    expect(t.silentMs(1611)).toBe(101);
    expect(t.beats).toBe(1);
  });

  it('is overdue exactly when the silence since the last change exceeds its limit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ dt: fc.integer({ min: 0, max: 300 }), text: fc.constantFrom('', 'a', 'b', 'c') }),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 400 }),
        (steps, timeoutMs, graceMs) => {
          const t = new HeartbeatTracker(0, timeoutMs, graceMs);
          let at = 0;
          let last = '';
          let lastBeat: number | undefined;
          for (const s of steps) {
            at += s.dt;
            const beat = t.observe(s.text, at);
            expect(beat).toBe(s.text !== '' && s.text !== last);
            if (beat) {
              last = s.text;
              lastBeat = at;
            }
            const silent = at - (lastBeat ?? 0);
            expect(t.overdue(at)).toBe(silent > (lastBeat === undefined ? graceMs : timeoutMs));
          }
        },
      ),
    );
  });
});

describe('watchHeartbeat', () => {
  it('stays quiet while the file changes and reports once it stops changing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'watchdog-'));
    try {
      const file = path.join(dir, 'heartbeat');
      await resetHeartbeatFile(file);
      const w = watchHeartbeat({ file, timeoutMs: 400, graceMs: 400, pollMs: 10, now: Date.now });
      let hung = false;
      void w.hung.then(() => {
        hung = true;
      });
      for (let i = 1; i <= 20; i += 1) {
        await writeFile(file, `beat ${i}`);
        await new Promise((r) => setTimeout(r, 15));
      }
      expect(hung).toBe(false);
      const report = await w.hung; // no more beats
      expect(report.beats).toBeGreaterThanOrEqual(5);
      expect(report.silentMs).toBeGreaterThan(400);
      w.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
