import { describe, expect, it } from 'vitest';
import {
  type CameraTrackPosition,
  FloorMerge,
  type FloorMergeOptions,
  type MergeFrame,
} from './floor-merge.js';

const STEP_MS = 100;

function counterIds(): () => string {
  let n = 0;
  return () => `f${++n}`;
}

function merger(options: Partial<FloorMergeOptions> = {}): FloorMerge {
  return new FloorMerge({ randomId: counterIds(), ...options });
}

/** Deterministic jitter in [-a, a], different per camera and step. */
const jitter = (a: number, seed: number) => a * Math.sin(seed * 12.9898 + 78.233);

function run(m: FloorMerge, steps: number, at: (i: number) => CameraTrackPosition[]): MergeFrame[] {
  return Array.from({ length: steps }, (_, i) => m.update(i * STEP_MS, at(i)));
}

const ids = (frames: MergeFrame[]) => new Set(frames.flatMap((f) => f.tracks.map((t) => t.fusedId)));

describe('FloorMerge', () => {
  it('gives one fused id to a walker seen by two overlapping cameras, through the hand-over', () => {
    // Walks x = 0 → 10 m at 1 m/s; camera A covers x ≤ 7, camera B x ≥ 3; each adds its own error.
    const frames = run(merger(), 101, (i) => {
      const x = i / 10;
      const seen: CameraTrackPosition[] = [];
      if (x <= 7)
        seen.push({ cameraId: 'A', trackId: 'a7', x: x + jitter(0.15, i), y: 2 + jitter(0.1, i + 1) });
      if (x >= 3)
        seen.push({ cameraId: 'B', trackId: 'b3', x: x + jitter(0.15, -i), y: 2.2 + jitter(0.1, 2 * i) });
      return seen;
    });
    expect(frames.every((f) => f.tracks.length === 1)).toBe(true);
    expect(ids(frames)).toEqual(new Set(['f1']));
    expect(frames.flatMap((f) => f.ended)).toEqual([]);
    expect(frames[50]!.tracks[0]!.members).toEqual([
      { cameraId: 'A', trackId: 'a7' },
      { cameraId: 'B', trackId: 'b3' },
    ]);
    expect(frames[50]!.tracks[0]!.y).toBeCloseTo(2.1, 0);
  });

  it('keeps two people walking side by side 0.5 m apart as two', () => {
    const frames = run(merger(), 60, (i) => {
      const x = i / 10;
      return [
        { cameraId: 'A', trackId: 'p', x: x + jitter(0.1, i), y: 1 + jitter(0.1, i + 3) },
        { cameraId: 'A', trackId: 'q', x: x + jitter(0.1, i + 5), y: 1.5 + jitter(0.1, i + 7) },
        { cameraId: 'B', trackId: 'p', x: x + jitter(0.1, -i), y: 1 + jitter(0.1, i + 11) },
        { cameraId: 'B', trackId: 'q', x: x + jitter(0.1, i + 13), y: 1.5 + jitter(0.1, i - 17) },
      ];
    });
    expect(frames.every((f) => f.tracks.length === 2)).toBe(true);
    expect(ids(frames).size).toBe(2);
    for (const f of frames) {
      for (const t of f.tracks) expect(new Set(t.members.map((mb) => mb.trackId)).size).toBe(1);
    }
  });

  it('never merges two people once one camera saw them together, even when each camera then sees only one', () => {
    const frames = run(merger(), 40, (i) => {
      const both = i < 10;
      const seen: CameraTrackPosition[] = [
        { cameraId: 'A', trackId: 'p', x: 5, y: 1 },
        { cameraId: 'B', trackId: 'q', x: 5, y: 1.5 },
      ];
      if (both)
        seen.push({ cameraId: 'A', trackId: 'q', x: 5, y: 1.5 }, { cameraId: 'B', trackId: 'p', x: 5, y: 1 });
      return seen;
    });
    expect(frames.every((f) => f.tracks.length === 2)).toBe(true);
    expect(frames.flatMap((f) => f.ended)).toEqual([]);
  });

  it('merges two views of one person that were born apart, once they agree for mergeAfterMs', () => {
    // Camera B's first positions are off by 1.2 m (the edge of its view), then agree with A's.
    const frames = run(merger({ mergeAfterMs: 500 }), 30, (i) => {
      const seen: CameraTrackPosition[] = [{ cameraId: 'A', trackId: 'a', x: 4, y: 4 }];
      if (i >= 5) seen.push({ cameraId: 'B', trackId: 'b', x: 4 + (i < 10 ? 1.2 : 0.1), y: 4 });
      return seen;
    });
    expect(frames[8]!.tracks.map((t) => t.fusedId)).toEqual(['f1', 'f2']);
    // Close from step 10 on; merged at step 15, the younger id ends there.
    expect(frames.findIndex((f) => f.ended.length > 0)).toBe(15);
    expect(frames[15]!.ended).toEqual(['f2']);
    expect(frames[15]!.tracks).toEqual([
      {
        fusedId: 'f1',
        x: 4.05,
        y: 4,
        members: [
          { cameraId: 'A', trackId: 'a' },
          { cameraId: 'B', trackId: 'b' },
        ],
        born: false,
      },
    ]);
    expect(frames.slice(16).every((f) => f.tracks.length === 1 && f.tracks[0]!.fusedId === 'f1')).toBe(true);
  });

  it('detaches a camera track that drifts away from its fused track', () => {
    // B's tracker jumps from the shopper at (2, 2) to someone 3 m away under the same track id.
    const frames = run(merger(), 10, (i) => [
      { cameraId: 'A', trackId: 'a', x: 2, y: 2 },
      { cameraId: 'B', trackId: 'b', x: i < 5 ? 2.1 : 5, y: 2 },
    ]);
    expect(frames[4]!.tracks).toHaveLength(1);
    expect(frames[5]!.tracks.map((t) => [t.fusedId, t.members.map((mb) => mb.trackId)])).toEqual([
      ['f1', ['a']],
      ['f2', ['b']],
    ]);
  });

  it('ends a fused track after maxGapMs and gives a person standing still the same id under a new tracker id', () => {
    const m = merger({ maxGapMs: 1000 });
    expect(m.update(0, [{ cameraId: 'A', trackId: 'a1', x: 3, y: 3 }]).tracks[0]!.fusedId).toBe('f1');
    m.endCameraTrack('A', 'a1');
    // The tracker re-finds the same person 0.6 s later as a2.
    expect(m.update(600, [{ cameraId: 'A', trackId: 'a2', x: 3.1, y: 3 }]).tracks[0]!.fusedId).toBe('f1');
    expect(m.update(1500, [])).toEqual({ tracks: [], ended: [] });
    expect(m.update(1601, [])).toEqual({ tracks: [], ended: ['f1'] });
    // Someone new at the same spot later is a new fused track.
    expect(m.update(5000, [{ cameraId: 'A', trackId: 'a2', x: 3, y: 3 }]).tracks[0]!.fusedId).toBe('f2');
  });

  it('never reuses a fused id, even when randomId repeats itself', () => {
    const draws = ['x', 'x', 'y', 'x', 'y', 'z'];
    const m = merger({ maxGapMs: 100, randomId: () => draws.shift() ?? 'w' });
    const seen: string[] = [];
    for (let k = 0; k < 3; k++) {
      seen.push(
        ...m.update(k * 1000, [{ cameraId: 'A', trackId: `t${k}`, x: k, y: 0 }]).tracks.map((t) => t.fusedId),
      );
    }
    expect(seen).toEqual(['x', 'y', 'z']);
  });

  it('says a fused track is born only in the step that starts it, not when a hand-over joins it', () => {
    // A is seen from step 0; B picks the same person up at step 3 (joins f1); C starts someone else at step 5.
    const frames = run(merger(), 8, (i) => [
      { cameraId: 'A', trackId: 'a', x: 2 + 0.1 * i, y: 2 },
      ...(i >= 3 ? [{ cameraId: 'B', trackId: 'b', x: 2.05 + 0.1 * i, y: 2 }] : []),
      ...(i >= 5 ? [{ cameraId: 'C', trackId: 'c', x: 8, y: 8 }] : []),
    ]);
    const born = frames.map((f) => f.tracks.filter((t) => t.born).map((t) => t.fusedId));
    expect(born).toEqual([['f1'], [], [], [], [], ['f2'], [], []]);
    expect(frames[3]!.tracks[0]!.members.map((m) => m.cameraId)).toEqual(['A', 'B']);
  });

  it('ignores non-finite positions and repeats, rejects time going backwards, and ends all at the end', () => {
    const m = merger();
    const out = m.update(0, [
      { cameraId: 'A', trackId: 'a', x: Number.NaN, y: 0 },
      { cameraId: 'A', trackId: 'b', x: 1, y: 1 },
      { cameraId: 'A', trackId: 'b', x: 9, y: 9 },
    ]);
    expect(out.tracks).toEqual([
      { fusedId: 'f1', x: 1, y: 1, members: [{ cameraId: 'A', trackId: 'b' }], born: true },
    ]);
    expect(() => m.update(-1, [])).toThrow(RangeError);
    expect(m.endAll()).toEqual(['f1']);
  });
});
