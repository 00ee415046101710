// The radio channel's pieces: the log-distance mean, body blocking, and shadowing that keeps its σ.

import { seededRandom } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normal } from '../../simulator/random-streams.js';
import {
  anchorDistance,
  bodyLoss,
  DEFAULT_RADIO_MODEL,
  meanRssi,
  radioModel,
  shadowingStep,
} from './radio-model.js';

const anchor = { id: 'a', x: 0, y: 0, z: 2.8, rssiAt1m: -60, pathLossExponent: 2.5 };

describe('radio model', () => {
  it('loses 10·n dB per decade of distance from the calibrated 1 m power', () => {
    expect(meanRssi(anchor, 1, DEFAULT_RADIO_MODEL)).toBeCloseTo(-60, 9);
    expect(meanRssi(anchor, 10, DEFAULT_RADIO_MODEL)).toBeCloseTo(-85, 9);
    expect(meanRssi({ id: 'b', x: 0, y: 0, z: 3 }, 10, DEFAULT_RADIO_MODEL)).toBeCloseTo(-79, 9);
    // 3-D: a phone at 1.2 m under a 2.8 m anchor is 1.6 m away.
    expect(anchorDistance(anchor, 0, 0, 1.2)).toBeCloseTo(1.6, 9);
  });

  it('blocks with the body only what is behind the carrier', () => {
    expect(bodyLoss([1, 0], 5, 0, 8)).toBe(0);
    expect(bodyLoss([1, 0], -5, 0, 8)).toBeCloseTo(8, 9);
    expect(bodyLoss([1, 0], 0, 5, 8)).toBeCloseTo(0, 9);
    expect(bodyLoss([1, 0], -1, 1, 8)).toBeCloseTo(8 / Math.SQRT2, 9);
  });

  it('keeps the shadowing σ whatever the steps, and makes short steps correlated', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 5000 }),
        (moved, ms) => {
          // Over an ensemble of chains started from the stationary law, σ² (16 dB²) is kept at every step.
          const random = seededRandom(7);
          const n = 3000;
          let sum2 = 0;
          for (let c = 0; c < n; c++) {
            let s = DEFAULT_RADIO_MODEL.shadowingSigmaDb * normal(random);
            for (let i = 0; i < 5; i++) s = shadowingStep(s, moved, ms, normal(random), DEFAULT_RADIO_MODEL);
            sum2 += s * s;
          }
          expect(Math.sqrt(sum2 / n)).toBeGreaterThan(3.7);
          expect(Math.sqrt(sum2 / n)).toBeLessThan(4.3);
        },
      ),
      { numRuns: 20 },
    );
    const random = seededRandom(3);
    expect(Math.abs(shadowingStep(6, 0.05, 100, normal(random), DEFAULT_RADIO_MODEL) - 6)).toBeLessThan(2);
  });

  it('names a bad setting', () => {
    expect(() => radioModel({ packetLoss: 1 })).toThrow(/packetLoss/);
    expect(() => radioModel({ advertisingHz: 0 })).toThrow(/advertisingHz/);
  });
});
