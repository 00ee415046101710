import type { ConfigMessage } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { reviewConfig } from './config-review.js';

const running = { storeId: 's1', gatewayId: 'gw-1', configVersion: 3 };
const config = (configVersion: number, layout?: object) =>
  ({
    v: 1,
    msgId: 'hub:1',
    storeId: 's1',
    gatewayId: 'gw-1',
    ts: 0,
    configVersion,
    settings: {
      windowSeconds: 60,
      heatmapCellSize: 0.5,
      kAnonymity: 5,
      stopThresholdS: 10,
      publishPaths: true,
      logLevel: 'info',
    },
    ...(layout && { layout }),
  }) as ConfigMessage;

describe('reviewConfig', () => {
  it('applies a newer version, ignores the running one, rejects an older one', () => {
    expect(reviewConfig(running, config(4))).toEqual({ action: 'apply' });
    expect(reviewConfig(running, config(3))).toEqual({ action: 'ignore' });
    expect(reviewConfig(running, config(2))).toMatchObject({
      action: 'reject',
      reason: expect.stringMatching(/older/),
    });
  });

  it('rejects a layout for another store or without this gateway', () => {
    const other = { storeId: 's2', gateways: [{ id: 'gw-1' }] };
    expect(reviewConfig(running, config(4, other))).toMatchObject({
      action: 'reject',
      reason: expect.stringMatching(/s2/),
    });
    const without = { storeId: 's1', gateways: [{ id: 'gw-9' }] };
    expect(reviewConfig(running, config(4, without))).toMatchObject({
      action: 'reject',
      reason: expect.stringMatching(/gw-1/),
    });
  });
});
