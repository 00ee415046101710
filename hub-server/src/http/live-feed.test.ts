import { describe, expect, it } from 'vitest';
import { LiveBus, type LiveEvent, liveEventsOf } from './live-feed.js';

const event = (storeId: string, windowStart = 0): LiveEvent => ({
  storeId,
  gatewayId: 'gw-1',
  kind: 'heatmap',
  windowStart,
  windowEnd: windowStart + 60_000,
});

describe('live bus', () => {
  it('delivers a store’s events to that store’s subscribers only, until they leave', () => {
    const bus = new LiveBus();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const leaveA = bus.subscribe('a', (e) => a.push(e));
    bus.subscribe('b', (e) => b.push(e));
    bus.publish(event('a', 1), event('b', 2));
    leaveA();
    bus.publish(event('a', 3));
    expect(a.map((e) => e.windowStart)).toEqual([1]);
    expect(b.map((e) => e.windowStart)).toEqual([2]);
    expect(bus.listenerCount('a')).toBe(0);
    expect(bus.listenerCount()).toBe(1);
  });

  it('keeps delivering when one subscriber throws, and ends every subscription on close', () => {
    const bus = new LiveBus();
    const got: number[] = [];
    let ended = 0;
    bus.subscribe('a', () => {
      throw new Error('stream gone');
    });
    bus.subscribe(
      'a',
      (e) => got.push(e.windowStart ?? -1),
      () => ended++,
    );
    bus.publish(event('a', 7));
    bus.close();
    bus.publish(event('a', 8));
    expect(got).toEqual([7]);
    expect(ended).toBe(1);
    expect(bus.listenerCount()).toBe(0);
  });

  it('describes stored messages as events', () => {
    const events = liveEventsOf([
      {
        kind: 'status',
        storeId: 's',
        gatewayId: 'g',
        message: { v: 1, msgId: 'g:1', storeId: 's', gatewayId: 'g', ts: 5, state: 'offline', version: '1' },
      },
    ]);
    expect(events).toEqual([{ storeId: 's', gatewayId: 'g', kind: 'status', ts: 5, state: 'offline' }]);
  });
});
