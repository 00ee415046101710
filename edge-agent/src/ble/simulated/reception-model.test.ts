// The simulated scanners: seeded and in time order, received power that follows the anchors'
// calibration (with the spread of shadowing and fading), nothing under the threshold, lost packets.
import { describe, expect, it } from 'vitest';
import type { Reception } from '../ble-types.js';
import { simulateReceptions } from './reception-model.js';
import { emitter, SQUARE, straightTrajectory, T0 } from './simulated-ble-test-kit.js';

const walker = emitter('w1', 'loyalty', straightTrajectory([1, 10], [1, 0], 1, 18), 'eid:0011223344556677');
const stander = emitter('s1', 'staff', straightTrajectory([10, 10], [1, 0], 0, 120), 'staff-0001');

describe('simulateReceptions', () => {
  it('is deterministic, in time order, and at the advertising rate', () => {
    const options = { emitters: [walker, stander], anchors: SQUARE, seed: 5 };
    const a = [...simulateReceptions(options, T0, T0 + 20_000)];
    const b = [...simulateReceptions(options, T0, T0 + 20_000)];
    expect(b).toEqual(a);
    expect([...simulateReceptions({ ...options, seed: 6 }, T0, T0 + 20_000)]).not.toEqual(a);
    for (let i = 1; i < a.length; i++) expect(a[i]!.ts).toBeGreaterThanOrEqual(a[i - 1]!.ts);
    expect(a.every((r) => r.ts >= T0 && r.ts < T0 + 20_000 && Number.isInteger(r.rssi))).toBe(true);
    // 2 Hz × 20 s × 4 anchors, 10% lost, a few under the threshold.
    const staff = a.filter((r) => r.beacon === 'staff-0001');
    expect(staff.length).toBeGreaterThan(0.8 * 160);
    expect(staff.length).toBeLessThanOrEqual(0.95 * 160);
    // The walker's trajectory ends after 18 s: nothing heard after it.
    expect(a.filter((r) => r.beacon.startsWith('eid:')).every((r) => r.ts <= T0 + 18_000)).toBe(true);
  });

  it('follows each anchor’s log-distance calibration on average', () => {
    // A phone standing at several distances from anchor a2 (n = 2.2, −60 dBm at 1 m) for 10 minutes each.
    const points: [number, number][] = [
      [18, 2],
      [15, 5],
      [12, 8],
      [8, 12],
    ];
    const fit: { logD: number; rssi: number }[] = [];
    points.forEach(([x, y], i) => {
      const e = emitter(`p${i}`, 'loyalty', straightTrajectory([x, y], [1, 0], 0, 600), `eid:${i}`);
      const heard = [
        ...simulateReceptions(
          { emitters: [e], anchors: SQUARE, seed: 9, radio: { bodyLossDb: 0 } },
          T0,
          T0 + 600_000,
        ),
      ]
        .filter((r: Reception) => r.anchor === 'a2')
        .map((r) => r.rssi);
      const d = Math.hypot(20 - x, y, 2.8 - 1.2);
      fit.push({ logD: Math.log10(d), rssi: heard.reduce((s, v) => s + v, 0) / heard.length });
    });
    // Least-squares slope of mean RSSI against log10(distance) is −10·n.
    const mx = fit.reduce((s, p) => s + p.logD, 0) / fit.length;
    const my = fit.reduce((s, p) => s + p.rssi, 0) / fit.length;
    const slope =
      fit.reduce((s, p) => s + (p.logD - mx) * (p.rssi - my), 0) /
      fit.reduce((s, p) => s + (p.logD - mx) ** 2, 0);
    expect(-slope / 10).toBeGreaterThan(1.7);
    expect(-slope / 10).toBeLessThan(2.7);
  });

  it('varies the power like a real channel, and hears nothing under the threshold', () => {
    const e = emitter('far', 'loyalty', straightTrajectory([10, 10], [0, 1], 0, 300), 'eid:far');
    const heard = [...simulateReceptions({ emitters: [e], anchors: SQUARE, seed: 2 }, T0, T0 + 300_000)];
    const a1 = heard.filter((r) => r.anchor === 'a1').map((r) => r.rssi);
    const mean = a1.reduce((s, v) => s + v, 0) / a1.length;
    const sd = Math.sqrt(a1.reduce((s, v) => s + (v - mean) ** 2, 0) / a1.length);
    expect(sd).toBeGreaterThan(2.5);
    expect(sd).toBeLessThan(9);
    const quiet = [
      ...simulateReceptions(
        { emitters: [e], anchors: SQUARE, seed: 2, radio: { thresholdDbm: -80 } },
        T0,
        T0 + 300_000,
      ),
    ];
    expect(quiet.every((r) => r.rssi >= -80)).toBe(true);
    expect(quiet.length).toBeLessThan(heard.length);
    const lossy = [
      ...simulateReceptions(
        { emitters: [e], anchors: SQUARE, seed: 2, radio: { packetLoss: 0.5 } },
        T0,
        T0 + 300_000,
      ),
    ];
    expect(lossy.length / heard.length).toBeGreaterThan(0.45);
    expect(lossy.length / heard.length).toBeLessThan(0.62);
  });
});
