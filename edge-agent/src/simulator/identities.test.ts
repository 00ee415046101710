import { describe, expect, it } from 'vitest';
import { drawIdentity, memberPool } from './identities.js';
import { streamOf } from './random-streams.js';
import { scenarioSchema } from './scenario-schema.js';

const scenario = scenarioSchema.parse({
  schema: 'retail.scenario/v1',
  name: 'ids',
  description: 'd',
  seed: 77,
  layout: 'l',
  catalogue: 'c',
  startDate: '2026-03-10',
  openingHours: { open: '08:00', close: '20:00' },
  arrivals: { perDay: 1 },
  shoppers: { optedInFraction: 0.15, loyaltyCardFraction: 0.45, appUsersScanCard: 0.8, memberPool: 300 },
});

describe('identities', () => {
  const pool = memberPool(scenario.shoppers);
  const ids = Array.from({ length: 20_000 }, (_, i) => drawIdentity(scenario, pool, streamOf('id', i)));

  it('hits the opted-in and card shares of the scenario', () => {
    const share = (f: (x: (typeof ids)[number]) => boolean) => ids.filter(f).length / ids.length;
    expect(share((x) => x.appOptedIn)).toBeCloseTo(0.15, 1);
    expect(Math.abs(share((x) => x.presentsCard) - 0.45)).toBeLessThan(0.015);
    expect(Math.abs(share((x) => x.appOptedIn && x.presentsCard) - 0.15 * 0.8)).toBeLessThan(0.01);
    expect(share((x) => x.member === undefined)).toBeGreaterThan(0.5);
  });

  it('gives each member one stable card number and app secret', () => {
    const byMember = new Map<number, (typeof ids)[number]>();
    for (const x of ids) {
      if (x.member === undefined) {
        expect(x.loyaltyId).toBeUndefined();
        expect(x.appSecret).toBeUndefined();
        continue;
      }
      expect(x.loyaltyId).toMatch(/^6345\d{12}$/);
      if (x.appOptedIn) expect(x.appSecret).toMatch(/^[0-9a-f]{32}$/);
      else expect(x.appSecret).toBeUndefined();
      const first = byMember.get(x.member);
      if (first) {
        expect(x.loyaltyId).toBe(first.loyaltyId);
        expect(x.appSecret).toBe(first.appSecret);
      } else byMember.set(x.member, x);
    }
    const numbers = [...byMember.values()].map((x) => x.loyaltyId);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(byMember.size).toBeLessThanOrEqual(300);
  });
});
