// Breaking a link for a rival track: only when the rival's advantage is steady, not when it swings from
// block to block and merely piles up (two people walking together, the phone's fixes wandering between them).
import { describe, expect, it } from 'vitest';
import { fusionOptions } from './fusion-options.js';
import { NO_SITE } from './fusion-site.js';
import { type BeaconState, FusionState, newTrack } from './fusion-state.js';
import { weighLink } from './link-breaking.js';
import { PairEvidence } from './pair-evidence.js';

const A = 'a1b2c3d4e5f60718';
const BEACON = `eid:${A}`;
const BUCKETS = 72; // 24 blocks of 3 buckets (zBlockBuckets), 4 fixes a bucket

/** A link of BEACON to `ta` with `tb` as the rival, their per-fix costs given per block. */
function linked(costs: (block: number) => { ta: number; tb: number }, linkMinZ?: number) {
  const s = new FusionState(fusionOptions(linkMinZ === undefined ? {} : { linkMinZ }), NO_SITE);
  const pairs = { ta: new PairEvidence(0), tb: new PairEvidence(0) };
  for (let k = 0; k < BUCKETS; k++) {
    const c = costs(Math.floor(k / 3));
    for (let f = 0; f < 4; f++) {
      pairs.ta.add(k, c.ta);
      pairs.tb.add(k, c.tb);
    }
  }
  const b: BeaconState = { role: 'loyalty', firstTs: 0, lastTs: 0, pairs: new Map(), recent: [], link: 'ta' };
  for (const id of ['ta', 'tb'] as const) {
    const t = newTrack({ trackId: id, ts: 0, x: 0, y: 0 }, s.options.maxGapMs);
    t.pairs.set(BEACON, pairs[id]);
    b.pairs.set(id, pairs[id]);
    s.tracks.set(id, t);
  }
  const ta = s.tracks.get('ta')!;
  ta.links.set(BEACON, 0);
  ta.rotatingIds = [A];
  s.beacons.set(BEACON, b);
  weighLink(s, BEACON, b);
  return { s, b };
}

describe('weighLink against a rival track', () => {
  it('breaks the link when the rival fits better steadily', () => {
    // The rival ahead by 0.5 a fix throughout: 144 in all.
    const { s, b } = linked(() => ({ ta: 1.5, tb: 1 }));
    expect(b.link).toBeUndefined();
    expect(s.counters.broken).toBe(1);
    expect(s.tracks.get('ta')?.rotatingIds).toEqual([]);
  });

  it('keeps it when the rival is ahead only by piling up an advantage that swings block by block', () => {
    // Blocks alternate: the rival 2.5 a fix better, then 2 worse; ahead by 72 after 24 blocks.
    const swing = (block: number) => (block % 2 === 0 ? { ta: 3, tb: 0.5 } : { ta: 0.5, tb: 2.5 });
    const { s, b } = linked(swing);
    expect(b.link).toBe('ta');
    expect(s.counters.broken).toBe(0);
    expect(s.tracks.get('ta')?.rotatingIds).toEqual([A]);
    // Without the test beyond chance (linkMinZ 0) the margin alone breaks it.
    expect(linked(swing, 0).b.link).toBeUndefined();
  });
});
