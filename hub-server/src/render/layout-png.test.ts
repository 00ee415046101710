import { readFileSync } from 'node:fs';
import { storeLayoutSchema } from '@retail/contracts';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderLayoutPng } from './layout-png.js';
import { layoutToSvg } from './layout-svg.js';

const demo = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);

const svgSize = (svg: string) => {
  const m = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m![1]), height: Number(m![2]) };
};

describe('renderLayoutPng', () => {
  it('renders a valid PNG the size of the SVG', async () => {
    const png = await renderLayoutPng(demo);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect({ width: meta.width, height: meta.height }).toEqual(svgSize(layoutToSvg(demo)));
  });

  it('follows pixelsPerMetre', async () => {
    const meta = await sharp(await renderLayoutPng(demo, { pixelsPerMetre: 12 })).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual(
      svgSize(layoutToSvg(demo, { pixelsPerMetre: 12 })),
    );
    expect(meta.width).toBeLessThan(1000);
  });

  it('is not a blank image', async () => {
    const stats = await sharp(await renderLayoutPng(demo, { pixelsPerMetre: 12 })).stats();
    expect(stats.isOpaque).toBe(true);
    expect(stats.channels[0]!.stdev).toBeGreaterThan(10);
  });
});
