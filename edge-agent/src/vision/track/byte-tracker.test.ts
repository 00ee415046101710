import { describe, expect, it } from 'vitest';
import type { Detection } from '../frame.js';
import { ByteTracker, type ByteTrackerOptions, type TrackerFrame } from './byte-tracker.js';

const FRAME_MS = 100;

function counterIds(): () => string {
  let n = 0;
  return () => `t${++n}`;
}

function tracker(options: Partial<ByteTrackerOptions> = {}): ByteTracker {
  return new ByteTracker({ randomId: counterIds(), ...options });
}

/** A 50 × 150 px person whose box's left edge is at x, top at y. */
const person = (x: number, y: number, score = 0.9): Detection => ({ x, y, w: 50, h: 150, score });

function run(t: ByteTracker, frames: Detection[][]): TrackerFrame[] {
  return frames.map((dets, i) => t.update(dets, i * FRAME_MS));
}

/** The id reported for the track whose box is nearest (x, y) in a frame, if any within 25 px. */
function idNear(frame: TrackerFrame, x: number, y: number): string | undefined {
  return frame.tracks.find((tr) => Math.hypot(tr.box.x - x, tr.box.y - y) < 25)?.id;
}

describe('ByteTracker', () => {
  it('confirms a track after minHits frames, reports it while seen, and ends it after maxLostMs', () => {
    const t = tracker({ minHits: 3, maxLostMs: 500 });
    const frames = run(t, [
      ...Array.from({ length: 6 }, (_, i) => [person(100 + 10 * i, 100)]),
      ...Array.from({ length: 8 }, () => []),
    ]);
    expect(frames.slice(0, 2).map((f) => f.tracks)).toEqual([[], []]);
    const id = frames[2]!.tracks[0]!.id;
    expect(frames.slice(2, 6).every((f) => f.tracks.length === 1 && f.tracks[0]!.id === id)).toBe(true);
    expect(frames[3]!.tracks[0]!.score).toBe(0.9);
    // Lost at frame 6 (600 ms); removed once lost for more than 500 ms, at frame 12.
    expect(frames.slice(6).map((f) => f.tracks.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(frames.findIndex((f) => f.ended.length > 0)).toBe(12);
    expect(frames[12]!.ended).toEqual([id]);
  });

  it('brings a track’s tentative hits along in the frame that confirms it, and only then', () => {
    const t = tracker({ minHits: 3 });
    const frames = run(
      t,
      Array.from({ length: 5 }, (_, i) => [person(100 + 10 * i, 100)]),
    );
    const confirmed = frames[2]!.tracks[0]!;
    expect(confirmed.earlier?.map((e) => e.ts)).toEqual([0, FRAME_MS]);
    // The birth frame's box is its detection's; the next one is already filtered towards the walk.
    expect(confirmed.earlier![0]!.box).toEqual({ x: 100, y: 100, w: 50, h: 150 });
    expect(confirmed.earlier![1]!.box.x).toBeGreaterThan(100);
    expect(confirmed.earlier![1]!.box.x).toBeLessThanOrEqual(110);
    expect(frames.slice(3).every((f) => f.tracks[0]!.earlier === undefined)).toBe(true);
    // A track confirmed at birth has nothing earlier.
    expect(run(tracker({ minHits: 1 }), [[person(0, 0)]])[0]!.tracks[0]!.earlier).toBeUndefined();
  });

  it('drops a tentative track at its first miss and never births from low-score detections', () => {
    const t = tracker({ minHits: 3 });
    const frames = run(t, [
      [person(100, 100)],
      [person(100, 100)],
      [],
      [person(100, 100, 0.3)],
      [person(100, 100, 0.3)],
    ]);
    expect(frames.every((f) => f.tracks.length === 0 && f.ended.length === 0)).toBe(true);
  });

  it('keeps ids when two people cross', () => {
    const t = tracker({ minHits: 2 });
    const ax = (i: number) => 50 + 25 * i;
    const bx = (i: number) => 550 - 25 * i;
    const frames = run(
      t,
      Array.from({ length: 21 }, (_, i) => [person(ax(i), 100), person(bx(i), 110, 0.8)]),
    );
    const a = idNear(frames[2]!, ax(2), 100);
    const b = idNear(frames[2]!, bx(2), 110);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    for (const i of [5, 9, 11, 15, 20]) {
      expect(idNear(frames[i]!, ax(i), 100)).toBe(a);
      expect(idNear(frames[i]!, bx(i), 110)).toBe(b);
    }
  });

  it('keeps the id of the person hidden behind another while they cross', () => {
    const t = tracker({ minHits: 2 });
    const ax = (i: number) => 50 + 25 * i;
    const bx = (i: number) => 550 - 25 * i;
    // B walks behind A around frame 10 and is not detected for three frames.
    const frames = run(
      t,
      Array.from({ length: 21 }, (_, i) =>
        i >= 9 && i <= 11 ? [person(ax(i), 100)] : [person(ax(i), 100), person(bx(i), 105)],
      ),
    );
    const a = idNear(frames[3]!, ax(3), 100);
    const b = idNear(frames[3]!, bx(3), 105);
    expect(new Set([a, b]).size).toBe(2);
    for (const i of [12, 16, 20]) {
      expect(idNear(frames[i]!, ax(i), 100)).toBe(a);
      expect(idNear(frames[i]!, bx(i), 105)).toBe(b);
    }
    expect(frames.flatMap((f) => f.tracks.map((tr) => tr.id)).every((id) => id === a || id === b)).toBe(true);
  });

  it('carries an occluded person through low-score detections without a gap', () => {
    const scoreAt = (i: number) => (i >= 8 && i <= 14 ? 0.3 : 0.9);
    const frames = (lowScore: number) =>
      run(
        tracker({ minHits: 2, lowScore }),
        Array.from({ length: 20 }, (_, i) => [person(100 + 15 * i, 100, scoreAt(i))]),
      );
    const withByte = frames(0.1);
    const id = withByte[1]!.tracks[0]!.id;
    expect(withByte.slice(1).every((f) => f.tracks.length === 1 && f.tracks[0]!.id === id)).toBe(true);
    expect(withByte[10]!.tracks[0]!.score).toBe(0.3);

    // Ignoring the weak boxes, the track is lost while occluded and only recovered afterwards.
    const without = frames(0.4);
    expect(without.slice(8, 15).every((f) => f.tracks.length === 0)).toBe(true);
    expect(without[15]!.tracks[0]!.id).toBe(id);
  });

  it('recovers a lost track from a high-score detection within maxLostMs', () => {
    const t = tracker({ minHits: 1, maxLostMs: 1000 });
    const frames = run(t, [[person(100, 100)], [person(110, 100)], [], [], [], [person(150, 100)]]);
    expect(frames[5]!.tracks.map((tr) => tr.id)).toEqual([frames[0]!.tracks[0]!.id]);
  });

  it('never hands out an id twice, even when randomId repeats itself', () => {
    const draws = ['a', 'a', 'b', 'a', 'b', 'c'];
    const t = tracker({ minHits: 1, maxLostMs: 100, randomId: () => draws.shift() ?? 'z' });
    const ids: string[] = [];
    // Three people one after the other, each seen for 3 frames then gone long enough to end.
    for (let k = 0; k < 3; k++) {
      for (let i = 0; i < 3; i++)
        ids.push(
          ...t.update([person(100 + 200 * k, 100)], k * 1000 + i * FRAME_MS).tracks.map((tr) => tr.id),
        );
      t.update([], k * 1000 + 500);
    }
    expect([...new Set(ids)]).toEqual(['a', 'b', 'c']);
  });

  it('refuses an id source that keeps repeating', () => {
    const t = tracker({ minHits: 1, randomId: () => 'same' });
    t.update([person(0, 0)], 0);
    expect(() => t.update([person(0, 0), person(400, 0)], 100)).toThrow(/randomId/);
  });

  it('ends every confirmed track at end of stream, and rejects time going backwards', () => {
    const t = tracker({ minHits: 1 });
    const [first] = run(t, [[person(0, 0), person(300, 0)]]);
    expect(t.endAll().sort()).toEqual(first!.tracks.map((tr) => tr.id).sort());
    expect(() => t.update([], -5)).toThrow(RangeError);
  });
});
