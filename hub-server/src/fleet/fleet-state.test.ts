import type { StatusMessage } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { FleetState } from './fleet-state.js';

const status = (over: Partial<StatusMessage>): StatusMessage => ({
  v: 1,
  msgId: 'gw-1:1',
  storeId: 's1',
  gatewayId: 'gw-1',
  ts: 1000,
  state: 'online',
  version: '0.1.0',
  startedAt: 500,
  ...over,
});

describe('FleetState', () => {
  it('tracks online → offline and reports visible changes only', () => {
    const f = new FleetState();
    expect(f.apply(status({}), 1000)).toBe(true);
    expect(f.apply(status({ msgId: 'gw-1:2' }), 2000)).toBe(false);
    expect(f.get('s1', 'gw-1')?.lastSeen).toBe(2000);
    expect(f.apply(status({ msgId: 'gw-1:3', state: 'offline', reason: 'connection lost' }), 3000)).toBe(
      true,
    );
    expect(f.summary()).toEqual({ online: 0, offline: 1, degraded: 0 });
  });

  it('ignores a status from an earlier run of the gateway', () => {
    const f = new FleetState();
    f.apply(status({ startedAt: 900 }), 1000);
    expect(f.apply(status({ startedAt: 100, state: 'offline' }), 1100)).toBe(false);
    expect(f.get('s1', 'gw-1')?.state).toBe('online');
  });

  it('lists by store, sorted', () => {
    const f = new FleetState();
    f.apply(status({ gatewayId: 'gw-b', msgId: 'gw-b:1' }), 1);
    f.apply(status({ gatewayId: 'gw-a', msgId: 'gw-a:1' }), 1);
    f.apply(status({ storeId: 's2', gatewayId: 'gw-c', msgId: 'gw-c:1' }), 1);
    expect(f.list('s1').map((g) => g.gatewayId)).toEqual(['gw-a', 'gw-b']);
    expect(f.list()).toHaveLength(3);
  });
});
