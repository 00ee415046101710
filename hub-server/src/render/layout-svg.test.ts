import { readFileSync } from 'node:fs';
import { type StoreLayout, type StoreLayoutInput, storeLayoutSchema } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { layoutToSvg } from './layout-svg.js';

const demo = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);

/** Two zones stacked on a 10 × 10 m floor: "back" at y 0–4, "front" at y 6–10 (in floor coordinates). */
function tinyStore(
  origin: 'top-left' | 'bottom-left',
  names: { store?: string; zone?: string } = {},
): StoreLayout {
  const input: StoreLayoutInput = {
    schema: 'retail.layout/v1',
    storeId: 'tiny',
    name: names.store ?? 'Tiny store',
    layoutVersion: 3,
    effectiveFrom: '2026-01-01T00:00:00Z',
    floor: { width: 10, depth: 10, origin },
    zones: [
      {
        id: 'back',
        name: names.zone ?? 'Back',
        kind: 'department',
        polygon: [
          [0, 0],
          [10, 0],
          [10, 4],
          [0, 4],
        ],
      },
      {
        id: 'front',
        name: 'Front',
        kind: 'entrance',
        polygon: [
          [0, 6],
          [10, 6],
          [10, 10],
          [0, 10],
        ],
      },
    ],
    fixtures: [
      {
        id: 'shelf-1',
        name: 'Shelf <1>',
        kind: 'shelf',
        zoneId: 'back',
        polygon: [
          [1, 1],
          [9, 1],
          [9, 2],
          [1, 2],
        ],
      },
    ],
    // `inside` is judged in floor coordinates, so it does not depend on how the plan is drawn.
    entrances: [
      {
        id: 'door',
        name: 'Door',
        line: [
          [3, 9.5],
          [7, 9.5],
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
          { image: [0, 0], floor: [1, 1] },
          { image: [640, 0], floor: [9, 1] },
          { image: [640, 480], floor: [9, 9] },
          { image: [0, 480], floor: [1, 9] },
        ],
      },
    ],
    scanners: [{ id: 'ble-1', gatewayId: 'gw-1', position: { x: 5, y: 1, z: 2.8 } }],
  };
  return storeLayoutSchema.parse(input);
}

/** The pixel points of the element carrying `attr="value"`. */
function pointsOf(svg: string, attr: string, value: string): [number, number][] {
  const m = new RegExp(`<polygon points="([^"]+)" ${attr}="${value}"`).exec(svg);
  if (!m) throw new Error(`no polygon with ${attr}="${value}"`);
  return m[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

const meanY = (pts: [number, number][]) => pts.reduce((s, p) => s + p[1], 0) / pts.length;

describe('layoutToSvg', () => {
  it('is a standalone SVG with a size and a sans-serif font', () => {
    const svg = layoutToSvg(demo);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg).toContain('font-family="sans-serif"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('mentions every zone name, camera id and scanner id of the demo store', () => {
    const svg = layoutToSvg(demo);
    const escaped = (t: string) => t.replaceAll('&', '&amp;');
    for (const zone of demo.zones) expect(svg).toContain(escaped(zone.name));
    for (const camera of demo.cameras) expect(svg).toContain(`>${camera.id}<`);
    for (const scanner of demo.scanners) expect(svg).toContain(`>${scanner.id}<`);
    for (const entrance of demo.entrances) expect(svg).toContain(`data-entrance="${entrance.id}"`);
    expect(svg).toContain('Demo Supermarket');
    expect(svg).toContain('layout v1');
  });

  it('draws one shape per zone, fixture, camera area and scanner', () => {
    const svg = layoutToSvg(demo);
    const count = (re: RegExp) => svg.match(re)?.length ?? 0;
    expect(count(/data-zone="/g)).toBe(demo.zones.length);
    expect(count(/data-fixture="/g)).toBe(demo.fixtures.length);
    expect(count(/data-camera="/g)).toBe(demo.cameras.length);
    expect(count(/data-scanner="/g)).toBe(demo.scanners.length);
  });

  it('escapes <, & and > in names', () => {
    const svg = layoutToSvg(tinyStore('top-left', { store: 'Fish & <Chips>', zone: 'Tins & <jars>' }));
    expect(svg).toContain('Fish &amp; &lt;Chips&gt;');
    expect(svg).toContain('Tins &amp; &lt;jars&gt;');
    expect(svg).toContain('Shelf &lt;1&gt;');
    expect(svg).not.toContain('<Chips>');
    expect(svg).not.toContain('<jars>');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('draws y downwards for a top-left origin and flips it for bottom-left', () => {
    const topLeft = layoutToSvg(tinyStore('top-left'));
    expect(meanY(pointsOf(topLeft, 'data-zone', 'back'))).toBeLessThan(
      meanY(pointsOf(topLeft, 'data-zone', 'front')),
    );
    const bottomLeft = layoutToSvg(tinyStore('bottom-left'));
    expect(meanY(pointsOf(bottomLeft, 'data-zone', 'back'))).toBeGreaterThan(
      meanY(pointsOf(bottomLeft, 'data-zone', 'front')),
    );
    // Same drawing size either way; only the vertical placement changes.
    expect(bottomLeft.slice(0, 120)).toBe(topLeft.slice(0, 120));
  });

  it('points the entrance arrow into the store, whichever way y runs', () => {
    for (const origin of ['top-left', 'bottom-left'] as const) {
      const svg = layoutToSvg(tinyStore(origin));
      const door =
        /<g data-entrance="door"><line x1="[\d.]+" y1="([\d.]+)"[^>]*\/><line x1="[\d.]+" y1="[\d.]+" x2="[\d.]+" y2="([\d.]+)"/.exec(
          svg,
        );
      expect(door).not.toBeNull();
      const lineY = Number(door![1]);
      const arrowY = Number(door![2]);
      // The door is at y = 9.5 m: near the bottom edge when y runs down, near the top when it runs up.
      const wallIsBelow = origin === 'top-left';
      expect(wallIsBelow ? arrowY < lineY : arrowY > lineY).toBe(true);
    }
  });

  it('scales with pixelsPerMetre and can leave the title out', () => {
    const size = (svg: string) => /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
    const [w20] = size(layoutToSvg(demo, { pixelsPerMetre: 20 }));
    const [w40] = size(layoutToSvg(demo, { pixelsPerMetre: 40 }));
    expect(w40!).toBeGreaterThan(w20!);
    expect(layoutToSvg(demo, { title: false })).not.toContain('— floor plan');
    expect(layoutToSvg(demo)).toContain('— floor plan');
  });

  it('is deterministic', () => {
    expect(layoutToSvg(demo)).toBe(layoutToSvg(demo));
  });
});
