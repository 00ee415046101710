// Rasterises the layout SVG to a PNG with sharp (librsvg underneath); same options as the SVG.
import type { StoreLayout } from '@retail/contracts';
import sharp from 'sharp';
import { type LayoutSvgOptions, layoutToSvg } from './layout-svg.js';

export type LayoutPngOptions = LayoutSvgOptions;

/** The floor plan as PNG bytes, one SVG pixel per PNG pixel. */
export async function renderLayoutPng(layout: StoreLayout, options: LayoutPngOptions = {}): Promise<Buffer> {
  const svg = layoutToSvg(layout, options);
  return sharp(Buffer.from(svg), { density: 72, limitInputPixels: false })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
