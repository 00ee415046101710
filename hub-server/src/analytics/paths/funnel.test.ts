import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlacedFixture, Planogram } from '../planogram/planogram.js';
import { funnel, itemTargets, zoneTargets } from './funnel.js';
import { sessionOf, sessionsArb } from './test-sessions.js';

const target = { id: 'paint', zones: ['diy'], items: ['paint'] };

describe('funnel', () => {
  it('counts passed by → stopped → purchased, and the two planogram diagnostics, by hand', () => {
    const rows = funnel(
      [
        // anonymous, stops in diy: traffic only
        { session: sessionOf('1', [['diy', 30]]) },
        // linked, passes without stopping, buys anyway
        { session: sessionOf('2', [['diy', 4]]), basket: new Set(['paint']) },
        // linked, stops (exactly 10 s) and buys
        { session: sessionOf('3', [['diy', 10]]), basket: new Set(['paint', 'milk']) },
        // linked, stops, buys nothing there
        { session: sessionOf('4', [['diy', 25]]), basket: new Set(['milk']) },
        // linked, never in diy, yet buys paint: a planogram problem
        { session: sessionOf('5', [['dairy', 40]]), basket: new Set(['paint']) },
      ],
      [target],
    );
    expect(rows).toEqual([
      {
        target: 'paint',
        zones: ['diy'],
        sessions: 5,
        passedBy: 4,
        stopped: 3,
        linked: {
          sessions: 4,
          passedBy: 3,
          stopped: 2,
          purchased: 1,
          purchasedWithoutStop: 1,
          exposedWithoutPurchase: 1,
          purchasedWithoutExposure: 1,
          buyers: 3,
        },
      },
    ]);
  });

  it('takes its stop threshold as an option', () => {
    const [row] = funnel([{ session: sessionOf('1', [['diy', 4]]) }], [target], { stopSeconds: 3 });
    expect(row!.stopped).toBe(1);
  });

  it('property: monotone stages, and buyers split exactly into the three ways of buying', () => {
    const targets = ['a', 'b', 'c'].map((z) => ({ id: z, zones: [z], items: [`item-${z}`] }));
    fc.assert(
      fc.property(sessionsArb, fc.integer({ min: 0, max: 60 }), (rows, stopSeconds) => {
        for (const r of funnel(rows, targets, { stopSeconds })) {
          const l = r.linked;
          expect(r.sessions).toBeGreaterThanOrEqual(r.passedBy);
          expect(r.passedBy).toBeGreaterThanOrEqual(r.stopped);
          expect(l.passedBy).toBeGreaterThanOrEqual(l.stopped);
          expect(l.stopped).toBeGreaterThanOrEqual(l.purchased);
          expect(r.passedBy).toBeGreaterThanOrEqual(l.passedBy);
          expect(l.buyers).toBe(l.purchased + l.purchasedWithoutStop + l.purchasedWithoutExposure);
          expect(l.exposedWithoutPurchase + l.purchased + l.purchasedWithoutStop).toBe(l.passedBy);
        }
      }),
    );
  });
});

describe('funnel targets from a planogram', () => {
  const poly: PlacedFixture['polygon'] = [
    [0, 0],
    [1, 0],
    [1, 1],
  ];
  const planogram = new Planogram(
    [
      { id: 'f1', kind: 'shelf', zoneId: 'diy', polygon: poly, skus: ['PNT-1', 'PNT-2'], categories: [] },
      { id: 'f2', kind: 'display', zoneId: 'promo', polygon: poly, skus: ['PNT-1'], categories: [] },
    ],
    { level: 'sku' },
  );

  it('makes one target per zone with its items, and one per item with its zones', () => {
    expect(zoneTargets(planogram, ['diy', 'empty'])).toEqual([
      { id: 'diy', zones: ['diy'], items: ['PNT-1', 'PNT-2'] },
      { id: 'empty', zones: ['empty'], items: [] },
    ]);
    expect(itemTargets(planogram, ['PNT-1', 'unplaced'])).toEqual([
      { id: 'PNT-1', zones: ['diy', 'promo'], items: ['PNT-1'] },
    ]);
  });
});
