// Live events go out once the roll-up pass has taken their windows, or after the wait at the latest.
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../http/live-feed.js';
import { liveAfterRollups } from './live-after-rollups.js';

const event = (n: number) => ({ storeId: 's1', kind: 'heatmap', windowStart: n }) as unknown as LiveEvent;

describe('liveAfterRollups', () => {
  it('publishes after the pass that takes the windows, events meanwhile joining the same wait', async () => {
    // The loop's drain, settled when the test says the pass is over.
    const passes: (() => void)[] = [];
    const loop = { drain: () => new Promise<void>((r) => passes.push(r)) };
    const published: LiveEvent[][] = [];
    const live = liveAfterRollups(loop, (events) => published.push(events), 60_000);
    live.announce([event(1)]);
    live.announce([event(2)]);
    expect(passes).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(published).toEqual([]);
    passes[0]!();
    await new Promise((r) => setTimeout(r, 10));
    expect(published).toEqual([[event(1), event(2)]]);
    live.announce([event(3)]);
    live.flush();
    expect(published).toEqual([[event(1), event(2)], [event(3)]]);
  });

  it('publishes after the wait when the pass does not come back', async () => {
    const loop = { drain: () => new Promise<void>(() => {}) };
    const published: LiveEvent[][] = [];
    const live = liveAfterRollups(loop, (events) => published.push(events), 30);
    live.announce([event(1)]);
    expect(published).toEqual([]);
    await new Promise((r) => setTimeout(r, 80));
    expect(published).toEqual([[event(1)]]);
  });
});
