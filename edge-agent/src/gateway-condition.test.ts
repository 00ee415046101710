import { cameraMetricsSample } from '@retail/contracts/testing';
import { describe, expect, it } from 'vitest';
import { gatewayCondition, HEALTHY, sameCondition, withCondition } from './gateway-condition.js';

describe('gateway condition', () => {
  it('is online while every camera runs on the floor plan and nothing was dropped', () => {
    const cameras = [
      cameraMetricsSample('cam-1', { positions: 100, offFloor: 2 }),
      cameraMetricsSample('cam-2'),
    ];
    expect(gatewayCondition({ cameras, outboxDropped: 0 })).toEqual(HEALTHY);
    expect(gatewayCondition({ cameras: [], outboxDropped: 0 })).toEqual(HEALTHY);
  });

  it('is degraded, naming every cause, by a camera down, a camera off the floor plan or dropped messages', () => {
    const cameras = [
      { ...cameraMetricsSample('cam-1'), online: false },
      cameraMetricsSample('cam-2', { positions: 100, offFloor: 40 }),
      cameraMetricsSample('cam-3', { positions: 100, offFloor: 0 }),
    ];
    expect(gatewayCondition({ cameras, outboxDropped: 3 })).toEqual({
      state: 'degraded',
      reason:
        'camera cam-1 is down; camera cam-2 places shoppers off the floor plan (check its calibration); ' +
        'the outbox dropped 3 messages',
    });
  });

  it('turns an online status degraded, keeping its own reason, and leaves offline alone', () => {
    const degraded = { state: 'degraded' as const, reason: 'camera cam-1 is down' };
    expect(withCondition({ state: 'online' }, degraded)).toEqual(degraded);
    expect(withCondition({ state: 'online', reason: 'config 4 rejected: bad zone' }, degraded)).toEqual({
      state: 'degraded',
      reason: 'camera cam-1 is down; config 4 rejected: bad zone',
    });
    expect(withCondition({ state: 'offline', reason: 'stopped' }, degraded)).toEqual({
      state: 'offline',
      reason: 'stopped',
    });
    expect(withCondition({ state: 'online', configVersion: 3 }, HEALTHY)).toEqual({
      state: 'online',
      configVersion: 3,
    });
    expect(sameCondition(degraded, { ...degraded })).toBe(true);
    expect(sameCondition(degraded, HEALTHY)).toBe(false);
  });
});
