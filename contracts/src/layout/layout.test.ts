import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../validation.js';
import { type StoreLayoutInput, storeLayoutSchema } from './index.js';

/** A small valid store: `n` zones in a row across a 10n × 10 m floor, one fixture per zone. */
function smallStore(n: number): StoreLayoutInput {
  const zones = Array.from({ length: n }, (_, i) => ({
    id: `z${i}`,
    name: `Zone ${i}`,
    kind: 'aisle' as const,
    polygon: [
      [i * 10, 0],
      [i * 10 + 10, 0],
      [i * 10 + 10, 10],
      [i * 10, 10],
    ] as [number, number][],
  }));
  return {
    schema: 'retail.layout/v1',
    storeId: 'test-store',
    name: 'Test store',
    layoutVersion: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
    floor: { width: 10 * n, depth: 10 },
    zones,
    fixtures: zones.map((z, i) => ({
      id: `f${i}`,
      kind: 'shelf' as const,
      zoneId: z.id,
      polygon: [
        [i * 10 + 2, 2],
        [i * 10 + 8, 2],
        [i * 10 + 8, 3],
        [i * 10 + 2, 3],
      ] as [number, number][],
      categories: ['Pasta'],
    })),
    entrances: [
      {
        id: 'door',
        name: 'Door',
        line: [
          [1, 10],
          [4, 10],
        ],
        inside: 'right',
      },
    ],
    gateways: [{ id: 'gw-1', name: 'Gateway 1' }],
    cameras: [
      {
        id: 'cam-1',
        gatewayId: 'gw-1',
        resolution: { width: 640, height: 480 },
        mounting: 'overhead',
        calibration: [
          { image: [0, 0], floor: [0, 0] },
          { image: [640, 0], floor: [10, 0] },
          { image: [640, 480], floor: [10, 10] },
          { image: [0, 480], floor: [0, 10] },
        ],
      },
    ],
    scanners: [{ id: 's1', gatewayId: 'gw-1', position: { x: 5, y: 5, z: 2.8 } }],
    staffTags: [{ beaconId: 'staff-1', role: 'stock' }],
  };
}

function issuePaths(input: unknown): string[] {
  const r = storeLayoutSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => formatPath(i.path));
}

type Corruption = { name: string; apply: (l: StoreLayoutInput) => void; path: string };

const corruptions: Corruption[] = [
  { name: 'duplicate zone id', apply: (l) => (l.zones[1]!.id = l.zones[0]!.id), path: 'zones[1].id' },
  {
    name: 'fixture in a missing zone',
    apply: (l) => (l.fixtures![0]!.zoneId = 'nowhere'),
    path: 'fixtures[0].zoneId',
  },
  {
    name: 'zone vertex off the floor',
    apply: (l) => (l.zones[0]!.polygon[2] = [5, 99]),
    path: 'zones[0].polygon[2]',
  },
  {
    name: 'self-intersecting zone',
    apply: (l) => {
      const p = l.zones[0]!.polygon;
      [p[1], p[2]] = [p[2]!, p[1]!];
    },
    path: 'zones[0].polygon',
  },
  {
    name: 'fixture outside its zone',
    apply: (l) => (l.fixtures![0]!.zoneId = l.zones[1]!.id),
    path: 'fixtures[0].polygon',
  },
  {
    name: 'camera on an unknown gateway',
    apply: (l) => (l.cameras![0]!.gatewayId = 'gw-9'),
    path: 'cameras[0].gatewayId',
  },
  {
    name: 'calibration pixel outside the image',
    apply: (l) => (l.cameras![0]!.calibration[3]!.image = [0, 4800]),
    path: 'cameras[0].calibration[3].image',
  },
  {
    name: 'collinear calibration',
    apply: (l) => {
      l.cameras![0]!.calibration.forEach((c, i) => {
        c.image = [i * 10, i * 10];
      });
    },
    path: 'cameras[0].calibration',
  },
  {
    name: 'too few calibration pairs',
    apply: (l) => l.cameras![0]!.calibration.pop(),
    path: 'cameras[0].calibration',
  },
  {
    name: 'scanner off the floor',
    apply: (l) => (l.scanners![0]!.position.x = -3),
    path: 'scanners[0].position',
  },
  { name: 'upper-case store id', apply: (l) => (l.storeId = 'Store A'), path: 'storeId' },
  // The hub's roll-ups and the gateway's k-hold find the store's hours with it; Intl would throw later.
  { name: 'unknown time zone', apply: (l) => (l.timezone = 'Europe/Londn'), path: 'timezone' },
  { name: 'unknown field', apply: (l) => Object.assign(l.floor, { colour: 'red' }), path: 'floor' },
  { name: 'reserved gateway id', apply: (l) => (l.gateways![0]!.id = 'pos'), path: 'gateways[0].id' },
  {
    name: 'duplicate staff tag',
    apply: (l) => l.staffTags!.push({ beaconId: 'staff-1' }),
    path: 'staffTags[1].beaconId',
  },
];

describe('store layout', () => {
  it('accepts a valid layout and fills defaults', () => {
    const layout = storeLayoutSchema.parse(smallStore(3));
    expect(layout.floor.origin).toBe('top-left');
    expect(layout.scanners[0]!.calibration).toEqual({ rssiAt1m: -59, pathLossExponent: 2 });
    expect(layout.floor.obstacles).toEqual([]);
  });

  it('rejects each kind of corruption with the offending path', () => {
    for (const c of corruptions) {
      const layout = structuredClone(smallStore(3));
      c.apply(layout);
      expect(issuePaths(layout), c.name).toContain(c.path);
    }
  });

  it('property: any corruption of any valid layout is rejected at its path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.constantFrom(...corruptions), (n, c) => {
        expect(issuePaths(smallStore(n))).toEqual([]);
        const layout = structuredClone(smallStore(n));
        c.apply(layout);
        expect(issuePaths(layout)).toContain(c.path);
      }),
    );
  });

  it('property: random JSON is rejected, never thrown on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(storeLayoutSchema.safeParse(json).success).toBe(false);
      }),
    );
  });
});
