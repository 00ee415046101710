import { describe, expect, it } from 'vitest';
import { type MotRow, motMetrics } from './mot-metrics.js';

const P = { x: 0, y: 0, w: 50, h: 100 };
const Q = { x: 200, y: 0, w: 50, h: 100 };
const row = (frame: number, id: number | string, box = P): MotRow => ({ frame, id, ...box });
const frames = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('motMetrics', () => {
  it('scores perfect tracking 1 whatever the predicted ids are called', () => {
    const gt = frames(1, 5).flatMap((f) => [row(f, 1, P), row(f, 2, Q)]);
    const pr = frames(1, 5).flatMap((f) => [row(f, 'a', P), row(f, 'b', Q)]);
    expect(motMetrics(gt, pr)).toEqual({
      mota: 1,
      motp: 1,
      idf1: 1,
      idp: 1,
      idr: 1,
      recall: 1,
      precision: 1,
      idSwitches: 0,
      fn: 0,
      fp: 0,
      matches: 10,
      gtBoxes: 10,
      predictedBoxes: 10,
      idtp: 10,
      gtTracks: 2,
      predictedTracks: 2,
      frames: 5,
    });
  });

  it('counts one identity switch when the tracker renames a person halfway', () => {
    const gt = frames(1, 6).map((f) => row(f, 1));
    const pr = frames(1, 6).map((f) => row(f, f <= 3 ? 'a' : 'b'));
    const m = motMetrics(gt, pr);
    expect(m).toMatchObject({ idSwitches: 1, fn: 0, fp: 0, gtTracks: 1, predictedTracks: 2, idtp: 3 });
    expect(m.mota).toBeCloseTo(1 - 1 / 6, 12);
    // Only one of the two predicted ids can be GT 1's: 3 of 6 boxes each way.
    expect(m.idf1).toBeCloseTo(0.5, 12);
    expect(m.idp).toBeCloseTo(0.5, 12);
    expect(m.idr).toBeCloseTo(0.5, 12);
  });

  it('scores all misses MOTA 0 and IDF1 0', () => {
    const gt = frames(1, 4).flatMap((f) => [row(f, 1, P), row(f, 2, Q)]);
    const m = motMetrics(gt, []);
    expect(m).toMatchObject({
      mota: 0,
      idf1: 0,
      idr: 0,
      recall: 0,
      fn: 8,
      fp: 0,
      idSwitches: 0,
      predictedTracks: 0,
    });
    expect(m.idp).toBeNaN();
    expect(m.precision).toBeNaN();
  });

  it('lets false positives drive MOTA below zero', () => {
    const gt = [row(1, 1)];
    const pr = [row(1, 'a'), row(1, 'b', Q), row(1, 'c', { ...Q, y: 500 })];
    expect(motMetrics(gt, pr)).toMatchObject({ mota: -1, fp: 2, fn: 0, matches: 1 });
  });

  it('keeps the previous match while it still overlaps, even when another box overlaps better', () => {
    const gt = [row(1, 1), row(2, 1)];
    const shifted = { ...P, x: 12 }; // IoU 38/62 ≈ 0.61 with P
    const pr = [row(1, 'a', shifted), row(2, 'a', shifted), row(2, 'b', P)];
    const m = motMetrics(gt, pr);
    expect(m).toMatchObject({ idSwitches: 0, matches: 2, fp: 1, mota: 0.5 });
    expect(m.motp).toBeCloseTo(38 / 62, 12);
  });

  it('counts a switch against the last match even after a gap of misses', () => {
    const gt = frames(1, 4).map((f) => row(f, 1));
    const pr = [row(1, 'a'), row(3, 'b'), row(4, 'b')];
    expect(motMetrics(gt, pr)).toMatchObject({ idSwitches: 1, fn: 1, fp: 0, mota: 0.5 });
  });

  it('counts two switches when two people swap ids, and IDF1 halves', () => {
    const gt = frames(1, 4).flatMap((f) => [row(f, 1, P), row(f, 2, Q)]);
    const pr = frames(1, 4).flatMap((f) =>
      f <= 2 ? [row(f, 'a', P), row(f, 'b', Q)] : [row(f, 'a', Q), row(f, 'b', P)],
    );
    const m = motMetrics(gt, pr);
    expect(m).toMatchObject({ idSwitches: 2, mota: 0.75, idtp: 4, idf1: 0.5 });
  });

  it('does not match below the IoU threshold', () => {
    const gt = [row(1, 1)];
    const pr = [row(1, 'a', { ...P, x: 25 })]; // IoU 25/75 = 1/3
    expect(motMetrics(gt, pr)).toMatchObject({ matches: 0, fn: 1, fp: 1, mota: -1, idf1: 0 });
    expect(motMetrics(gt, pr, { iouThreshold: 0.3 })).toMatchObject({ matches: 1, mota: 1 });
  });

  it('rejects an id repeated within a frame', () => {
    expect(() => motMetrics([row(1, 1), row(1, 1, Q)], [])).toThrow(/id 1 twice in frame 1/);
  });
});
