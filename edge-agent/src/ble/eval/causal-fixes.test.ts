import { describe, expect, it } from 'vitest';
import type { BeaconFix, Reception } from '../ble-types.js';
import { fixesCausally } from './causal-fixes.js';

/** A positioner that records what it was told, and answers each tick with the last reception it heard. */
function recorder() {
  const pushed: Reception[] = [];
  const asked: { ts: number; heard: number[] }[] = [];
  return {
    pushed,
    asked,
    push: (r: Reception) => pushed.push(r),
    fixes: (ts: number): BeaconFix[] => {
      asked.push({ ts, heard: pushed.map((r) => r.ts) });
      const last = pushed.at(-1);
      return last
        ? [{ ts, beacon: last.beacon, role: 'loyalty', x: 0, y: 0, sigmaM: 1, method: 'trilateration' }]
        : [];
    },
  };
}

describe('fixesCausally', () => {
  it('asks for the fixes of t after everything heard up to t and before anything later', () => {
    const receptions: Reception[] = [0, 400, 1000, 1001, 2999, 5200].map((ts) => ({
      ts: 10_000 + ts,
      anchor: 'a1',
      beacon: 'b',
      rssi: -70,
    }));
    const p = recorder();
    const q = recorder();
    const fixes: [number, number][] = [];
    fixesCausally({
      receptions,
      positioners: [p, q],
      fromTs: 10_000,
      toTs: 17_000,
      stepMs: 1000,
      onFix: (i, f) => fixes.push([i, f.ts]),
    });
    expect(p.asked.map((a) => a.ts)).toEqual([10_000, 11_000, 12_000, 13_000, 14_000, 15_000, 16_000]);
    for (const a of p.asked) {
      expect(a.heard.every((ts) => ts <= a.ts)).toBe(true);
      expect(a.heard).toHaveLength(receptions.filter((r) => r.ts <= a.ts).length);
    }
    expect(q.pushed).toEqual(p.pushed);
    expect(fixes.filter(([i]) => i === 1)).toHaveLength(7);
  });
});
