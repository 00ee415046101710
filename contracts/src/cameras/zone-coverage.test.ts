// Zone coverage on the demo supermarket: its four cameras watch the aisles, the checkouts and the
// entrance; the departments along the walls are out of view. Masks and broken calibrations take away
// what they hide.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type StoreLayout, storeLayoutSchema } from '../layout/index.js';
import { sharedViewWarnings, zoneCoverage, zoneCoverageWarnings } from './zone-coverage.js';

const demo = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);
const level = (l: StoreLayout) => Object.fromEntries(zoneCoverage(l).map((c) => [c.zoneId, c.level]));
const of = (l: StoreLayout, id: string) => zoneCoverage(l).find((c) => c.zoneId === id)!;

describe('zoneCoverage', () => {
  it('finds which zones of the demo store its cameras see, and how much of them', () => {
    expect(level(demo)).toEqual({
      bakery: 'none',
      'dairy-chilled': 'none',
      frozen: 'none',
      'back-room': 'none',
      produce: 'none',
      household: 'partial',
      pantry: 'partial',
      drinks: 'partial',
      'baby-health': 'partial',
      diy: 'partial',
      'entrance-lobby': 'partial',
      promo: 'partial',
      checkout: 'partial',
    });
    const lobby = of(demo, 'entrance-lobby');
    expect(lobby.cameras).toEqual(['cam-entrance']);
    expect(lobby.seen).toBeGreaterThan(0.5);
    expect(lobby.seen).toBeLessThan(0.9);
    expect(of(demo, 'pantry').cameras).toEqual(['cam-checkout', 'cam-pantry']);
  });

  it('says full for a zone all in view, and takes away what a privacy mask hides', () => {
    // A metre square just inside the main door, in the entrance camera's picture.
    const spot = { id: 'spot', name: 'Spot', kind: 'display' as const, polygon: square(2, 22, 1) };
    const withSpot: StoreLayout = { ...demo, zones: [...demo.zones, spot] };
    expect(of(withSpot, 'spot')).toMatchObject({ level: 'full', seen: 1, cameras: ['cam-entrance'] });
    const whole: [number, number][] = [
      [0, 0],
      [1920, 0],
      [1920, 1080],
      [0, 1080],
    ];
    const masked: StoreLayout = {
      ...withSpot,
      cameras: withSpot.cameras.map((c) => (c.id === 'cam-entrance' ? { ...c, privacyMasks: [whole] } : c)),
    };
    expect(of(masked, 'spot')).toEqual({
      zoneId: 'spot',
      seen: 0,
      level: 'none',
      cameras: [],
      sharedByGateways: 0,
    });
  });

  it('leaves out a camera whose calibration determines nothing', () => {
    const broken: StoreLayout = {
      ...demo,
      cameras: demo.cameras.map((c) =>
        c.id === 'cam-entrance'
          ? { ...c, calibration: c.calibration.map((p) => ({ ...p, image: [5, 5] as [number, number] })) }
          : c,
      ),
    };
    expect(of(broken, 'entrance-lobby')).toMatchObject({ level: 'none', cameras: [] });
  });

  it('measures the floor that cameras of two gateways see together, and warns of it zone by zone', () => {
    // cam-checkout (gw-front) and cam-pantry (gw-back) both look into the pantry aisle.
    const pantry = of(demo, 'pantry');
    expect(pantry.sharedByGateways).toBeGreaterThan(0.1);
    expect(pantry.sharedByGateways).toBeLessThanOrEqual(pantry.seen);
    expect(of(demo, 'entrance-lobby').sharedByGateways).toBe(0);
    expect(sharedViewWarnings(demo)).toEqual([
      'zones "household" 2% (gw-front, gw-back), "pantry" 19% (gw-front, gw-back), "drinks" 2% (gw-front, gw-back), ' +
        '"diy" 5% (gw-front, gw-back): cameras of several gateways see this floor, and each gateway counts a ' +
        'shopper there, so its traffic reads high; cameras that see the same floor belong on one gateway, ' +
        'which counts a shopper once',
    ]);
    // One gateway for every camera: its floor merge counts each shopper once, and nothing is shared.
    const oneGateway: StoreLayout = {
      ...demo,
      cameras: demo.cameras.map((c) => ({ ...c, gatewayId: 'gw-front' })),
    };
    expect(zoneCoverage(oneGateway).every((c) => c.sharedByGateways === 0)).toBe(true);
    expect(sharedViewWarnings(oneGateway)).toEqual([]);
  });

  it('warns, in one line, of the shopper zones no camera sees (not the staff-only ones)', () => {
    expect(zoneCoverageWarnings(demo)).toEqual([
      'zones "bakery", "dairy-chilled", "frozen", "produce": no camera sees them, so they will have no traffic figures',
    ]);
  });
});

function square(x: number, y: number, size: number): [number, number][] {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
  ];
}
