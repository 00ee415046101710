import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StoreLayoutInput } from '../layout/index.js';
import { type MessageKind, messageSchemas } from '../messages/codec.js';
import { type Json, jsonMutationsArb } from '../testing/json-mutations.js';
import { messageArb, sourceArb } from '../testing/message-arbitraries.js';
import { compareWithZod } from '../testing/zod-differential.js';
import { compileValidator, uncompilableReason } from './compiled-validator.js';

const KINDS = Object.keys(messageSchemas) as MessageKind[];
const BACKENDS = ['generated', 'closures'] as const;

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];
/** A small layout using what the message generators do not: tuples, datetimes, polygons, defaults. */
const layout: StoreLayoutInput = {
  schema: 'retail.layout/v1',
  storeId: 'store-1',
  name: 'Store',
  layoutVersion: 3,
  effectiveFrom: '2026-01-01T08:00:00+01:00',
  floor: { width: 20, depth: 10, obstacles: [square(15, 5, 1)] },
  zones: [
    { id: 'z1', name: 'Fresh', kind: 'department', polygon: square(0, 0, 10) },
    { id: 'z2', name: 'Tills', kind: 'checkout', polygon: square(10, 0, 10) },
  ],
  fixtures: [{ id: 'f1', kind: 'shelf', zoneId: 'z1', polygon: square(2, 2, 2), skus: ['sku-1'] }],
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
  gateways: [{ id: 'gw-1', name: 'Gateway' }],
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
  scanners: [{ id: 's1', gatewayId: 'gw-1', position: { x: 1, y: 1, z: 2 } }],
};

/** Valid messages of `kind`, plus shapes the generators miss (a layout in config, cells without scale). */
function validMessages(kind: MessageKind): fc.Arbitrary<Json> {
  const base = sourceArb
    .chain((src) => messageArb(kind, src, 7))
    .map((m) => JSON.parse(JSON.stringify(m)) as Json);
  if (kind === 'config')
    return fc.oneof(
      base,
      base.map((m) => ({ ...(m as object), layout }) as Json),
    );
  if (kind === 'heatmap') {
    const unscaled = base.map((m) => {
      const cells = (m as { cells: Record<string, Json>[] }).cells.map(({ scale, ...cell }) => cell);
      return { ...(m as object), cells } as Json;
    });
    return fc.oneof(base, unscaled);
  }
  return base;
}

describe('compiled validator on the message schemas', () => {
  it('compiles every message schema', () => {
    for (const kind of KINDS) expect(uncompilableReason(messageSchemas[kind]), kind).toBeUndefined();
  });

  for (const backend of BACKENDS) {
    for (const kind of KINDS) {
      it(`property (${backend}): agrees with zod on ${kind} messages and near misses`, () => {
        const schema = messageSchemas[kind];
        const check = compileValidator(schema, { backend })!;
        const tally = { accepted: 0, rejected: 0 };
        fc.assert(
          fc.property(
            validMessages(kind).chain((m) => jsonMutationsArb(m)),
            (doc) => {
              const result = compareWithZod(schema, check, JSON.stringify(doc));
              expect(result.problem).toBeUndefined();
              tally[result.accepted ? 'accepted' : 'rejected']++;
            },
          ),
          { numRuns: 700 },
        );
        // Both outcomes must be common, or the comparison says little.
        expect(tally.accepted).toBeGreaterThan(70);
        expect(tally.rejected).toBeGreaterThan(70);
      });
    }
  }
});

const cell = { col: 3, row: 4, scale: 2, shoppers: 6, dwellSeconds: 41.5 };
const heatmap = {
  v: 1,
  msgId: 'gw-1:7',
  storeId: 'store-1',
  gatewayId: 'gw-1',
  windowStart: 1_700_000_000_000,
  windowEnd: 1_700_000_060_000,
  layoutVersion: 1,
  cellSize: 0.5,
  k: 5,
  cells: [cell],
  suppressedCells: 2,
};
const check = compileValidator(messageSchemas.heatmap)!;

describe('compiled validator on heatmaps', () => {
  it('accepts a heatmap as received when nothing is missing', () => {
    const value = JSON.parse(JSON.stringify(heatmap));
    expect(check(value)).toEqual({ ok: true, filledDefaults: false });
    expect(value).toEqual(heatmap);
  });

  it('fills a missing cell scale in place, as zod would', () => {
    const { scale, ...bare } = cell;
    const value = JSON.parse(JSON.stringify({ ...heatmap, cells: [bare, cell] }));
    expect(check(value)).toEqual({ ok: true, filledDefaults: true });
    expect(value.cells).toEqual([{ ...bare, scale: 1 }, cell]);
  });

  it('leaves a rejected heatmap as received, defaults filled earlier undone', () => {
    const { scale, ...bare } = cell;
    const text = JSON.stringify({ ...heatmap, cells: [bare, { ...cell, row: -1 }] });
    const value = JSON.parse(text);
    expect(check(value)).toEqual({ ok: false });
    expect(JSON.stringify(value)).toBe(text);
  });

  it('refuses keys outside the contract, a MAC or a __proto__ in a cell included', () => {
    for (const extra of [
      '"mac":"aa:bb:cc:dd:ee:ff"',
      '"__proto__":{"x":1}',
      '"constructor":1',
      '"toString":"x"',
    ]) {
      const text = JSON.stringify({ ...heatmap, cells: [cell] }).replace('"col":3', `${extra},"col":3`);
      expect(messageSchemas.heatmap.safeParse(JSON.parse(text)).success, extra).toBe(false);
      expect(check(JSON.parse(text)), extra).toEqual({ ok: false });
    }
  });

  it('runs the window refinement as zod does', () => {
    for (const windowEnd of [
      heatmap.windowStart,
      heatmap.windowStart + 86_400_001,
      heatmap.windowStart - 1,
    ]) {
      expect(check(JSON.parse(JSON.stringify({ ...heatmap, windowEnd }))).ok).toBe(false);
    }
    expect(
      check(JSON.parse(JSON.stringify({ ...heatmap, windowEnd: heatmap.windowStart + 86_400_000 }))).ok,
    ).toBe(true);
  });
});

describe('backend choice', () => {
  it('generates code by default and uses closures when zod is jitless', () => {
    expect(compileValidator(z.string())!.backend).toBe('generated');
    const jitless = z.config().jitless;
    z.config({ jitless: true });
    try {
      const closures = compileValidator(messageSchemas.heatmap)!;
      expect(closures.backend).toBe('closures');
      expect(closures(JSON.parse(JSON.stringify(heatmap))).ok).toBe(true);
    } finally {
      z.config({ jitless });
    }
  });
});
