import { describe, expect, it } from 'vitest';
import { chooseTill, posLines, serviceMs, unitPrice } from './checkout.js';
import { streamOf } from './random-streams.js';

describe('checkout', () => {
  it('joins the till where service starts first, then the nearer one', () => {
    const tills = [
      { fixture: 10, freeAt: 5000 },
      { fixture: 11, freeAt: 0 },
      { fixture: 12, freeAt: 0 },
    ];
    const walk = (f: number) => (f === 10 ? 1000 : f === 11 ? 9000 : 8000);
    expect(chooseTill(tills, 0, walk)).toBe(0); // starts at 5000 vs 9000 and 8000
    expect(chooseTill(tills, 10_000, walk)).toBe(0); // 11000 vs 19000 vs 18000
    expect(chooseTill(tills, 0, () => 4000)).toBe(1); // lane 10 is busy until 5000; 11 and 12 tie, 11 comes first
    expect(chooseTill(tills, 0, () => Infinity)).toBe(-1);
  });

  it('takes longer for more items', () => {
    const c = { serviceSecondsBase: 25, secondsPerItem: 3 };
    expect(serviceMs(c, 10) - serviceMs(c, 0)).toBe(30_000);
  });

  it('prices every SKU the same way every time, in pounds and pence ending in 9', () => {
    for (const sku of ['PNT-101', 'BRU-102', 'MLK-101']) {
      const p = unitPrice(sku, {});
      expect(unitPrice(sku, {})).toBe(p);
      expect(p).toBeGreaterThanOrEqual(0.49);
      expect(p).toBeLessThanOrEqual(9.99);
      expect(Math.round(p * 100) % 10).toBe(9);
    }
    expect(unitPrice('PNT-101', { 'PNT-101': 21.5 })).toBe(21.5);
  });

  it('prints one line per SKU, with the loyalty id only when a card was scanned', () => {
    const sale = { transactionId: 't1', storeId: 's', ts: 123, skus: ['A', 'B'] };
    const anonymous = posLines(sale, {}, streamOf(1));
    expect(anonymous.map((l) => l.sku)).toEqual(['A', 'B']);
    expect(anonymous.every((l) => !('loyaltyId' in l) && l.timestamp === 123 && l.quantity >= 1)).toBe(true);
    const member = posLines({ ...sale, loyaltyId: '6345000000112345' }, {}, streamOf(1));
    expect(member.every((l) => l.loyaltyId === '6345000000112345')).toBe(true);
  });
});
