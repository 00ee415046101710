import { describe, expect, it } from 'vitest';
import type { Box } from '../frame.js';
import { createBackgroundModel } from './background-model.js';
import { GhostMemory, outlineEdgeShare, type Region, ringContrastShare } from './ghost-test.js';
import { texturedFloor, withNoise, withPerson } from './synthetic-scene.js';

const W = 80;
const H = 60;
const floor = texturedFloor(W, H, 5, 150, 12);
const person: Box = { x: 30, y: 15, w: 14, h: 24 };
const dark: [number, number, number] = [50, 45, 60];
const withSomeone = withPerson(floor, person, dark);

/** The region a foreground mask would give for `box`: the ellipse's pixels grown by one (the blur's spill). */
function regionOf(box: Box): Region {
  const occupied = new Uint8Array(W * H);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5 - (box.x + box.w / 2)) / (box.w / 2 + 1);
      const v = (y + 0.5 - (box.y + box.h / 2)) / (box.h / 2 + 1);
      if (u * u + v * v > 1) continue;
      occupied[y * W + x] = 1;
      xs.push(x);
      ys.push(y);
    }
  }
  return { pixels: { xs, ys }, occupied };
}
const region = regionOf(person);
const options = { edgeShare: 0.45, contrastShare: 0.4, ring: 4, frames: 3 };

describe('ghost test', () => {
  it("finds a person's outline and contrast in the frame, not in the model", () => {
    const model = createBackgroundModel(floor, 3);
    const frame = withNoise(withSomeone, 2, 1);
    expect(outlineEdgeShare(region, frame, model, [1, 1, 1])).toBeGreaterThan(0.6);
    expect(ringContrastShare(region, frame, model, [1, 1, 1], 4)).toBeGreaterThan(0.8);
  });

  it("finds a ghost's outline and contrast in the model, not in the frame", () => {
    const model = createBackgroundModel(withSomeone, 3);
    const frame = withNoise(floor, 2, 2);
    expect(outlineEdgeShare(region, frame, model, [1, 1, 1])).toBeLessThan(0.4);
    expect(ringContrastShare(region, frame, model, [1, 1, 1], 4)).toBeLessThan(0.2);
  });

  it('has nothing to tell where neither shows an edge or a contrast', () => {
    const flat = texturedFloor(W, H, 5, 150, 0);
    const model = createBackgroundModel(flat, 3);
    expect(outlineEdgeShare(region, flat, model, [1, 1, 1])).toBe(0.5);
    expect(ringContrastShare(region, flat, model, [1, 1, 1], 4)).toBe(0.5);
    const everywhere: Region = { pixels: region.pixels, occupied: new Uint8Array(W * H).fill(1) };
    expect(ringContrastShare(everywhere, withSomeone, model, [1, 1, 1], 4)).toBe(0.5);
  });

  it('absorbs a ghost after so many frames in a row, never a person, and starts counting again after a break', () => {
    const memory = new GhostMemory();
    const ghostModel = createBackgroundModel(withSomeone, 3);
    const ghostFrame = withNoise(floor, 2, 3);
    const verdicts = (frame = ghostFrame, model = ghostModel) =>
      memory.judge([region], frame, model, [1, 1, 1], options).map((judgement) => judgement.verdict);
    expect([verdicts(), verdicts(), verdicts()]).toEqual([['ghost'], ['ghost'], ['absorb']]);
    // The person, where the model shows the floor, is present whatever came before.
    const personModel = createBackgroundModel(floor, 3);
    expect(verdicts(withSomeone, personModel)).toEqual(['present']);
    expect([verdicts(), verdicts(), verdicts()]).toEqual([['ghost'], ['ghost'], ['absorb']]);
    verdicts();
    memory.reset();
    expect(verdicts()).toEqual(['ghost']);
    expect(
      memory.judge([region], withSomeone, personModel, [1, 1, 1], options)[0]!.edgeShare,
    ).toBeGreaterThan(0.6);
  });
});
