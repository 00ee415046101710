// Receptions in, fixes out at a fixed rate, causally: the fixes of instant t are asked for after every
// reception stamped ≤ t was pushed and before any later one is, as the gateway's timer does live.
import type { BeaconFix, Reception } from '../ble-types.js';

export interface FixingPositioner<R extends Reception> {
  push(r: R): void;
  fixes(ts: number): BeaconFix[];
}

/**
 * Pushes each reception (time-ordered) to every positioner and collects their fixes every `stepMs` in
 * [fromTs, toTs); `onTick` sees each instant once, after its fixes.
 */
export function fixesCausally<R extends Reception>(o: {
  receptions: Iterable<R>;
  positioners: readonly FixingPositioner<R>[];
  fromTs: number;
  toTs: number;
  stepMs: number;
  onFix: (positioner: number, fix: BeaconFix) => void;
  onTick?: (ts: number) => void;
}): void {
  if (!(o.stepMs > 0)) throw new RangeError(`stepMs must be > 0, got ${o.stepMs}`);
  let tick = Math.ceil(o.fromTs / o.stepMs) * o.stepMs;
  const emit = () => {
    o.positioners.forEach((p, i) => {
      for (const fix of p.fixes(tick)) o.onFix(i, fix);
    });
    o.onTick?.(tick);
    tick += o.stepMs;
  };
  for (const r of o.receptions) {
    while (tick < r.ts && tick < o.toTs) emit();
    for (const p of o.positioners) p.push(r);
  }
  while (tick < o.toTs) emit();
}
