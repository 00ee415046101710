// The heatmap over the floor plan as a PNG: the layout drawing (render/layout-png's SVG) with the
// cells laid over it in the same frame, composited and encoded by sharp.
import type { StoreLayout } from '@retail/contracts';
import sharp from 'sharp';
import { planFrame } from '../../render/layout-frame.js';
import { renderLayoutPng } from '../../render/layout-png.js';
import type { HeatCell } from '../kpis/heatmap-grid.js';

export interface HeatmapPngOptions {
  pixelsPerMetre?: number;
}

/** Colour of a cell at intensity t ∈ (0, 1]: blue → green → yellow → red, more opaque when hotter. */
export function heatColor(t: number): { rgb: [number, number, number]; alpha: number } {
  const stops: [number, [number, number, number]][] = [
    [0, [37, 99, 235]],
    [0.35, [22, 163, 74]],
    [0.65, [234, 179, 8]],
    [1, [220, 38, 38]],
  ];
  const x = Math.min(1, Math.max(0, t));
  let i = 1;
  while (i < stops.length - 1 && x > stops[i]![0]) i++;
  const [t0, c0] = stops[i - 1]!;
  const [t1, c1] = stops[i]!;
  const f = t1 === t0 ? 0 : (x - t0) / (t1 - t0);
  const rgb = c0.map((v, k) => Math.round(v + (c1[k]! - v) * f)) as [number, number, number];
  return { rgb, alpha: 0.35 + 0.45 * x };
}

export function heatOverlaySvg(
  layout: StoreLayout,
  cells: readonly HeatCell[],
  o: HeatmapPngOptions,
): string {
  const frame = planFrame(layout, {
    ...(o.pixelsPerMetre !== undefined && { pixelsPerMetre: o.pixelsPerMetre }),
  });
  const max = Math.max(0, ...cells.map((c) => c.shopperWindows / (c.size * c.size)));
  const rects = cells
    .filter((c) => c.shopperWindows > 0 && max > 0)
    .map((c) => {
      const [x0, y0] = frame.toPx([c.x, c.y]);
      const [x1, y1] = frame.toPx([c.x + c.size, c.y + c.size]);
      const { rgb, alpha } = heatColor(c.shopperWindows / (c.size * c.size) / max);
      return `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${Math.min(y0, y1).toFixed(1)}" width="${Math.abs(x1 - x0).toFixed(1)}" height="${Math.abs(y1 - y0).toFixed(1)}" fill="rgb(${rgb.join(',')})" fill-opacity="${alpha.toFixed(2)}"/>`;
    });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}">${rects.join('')}</svg>`;
}

export async function renderHeatmapPng(
  layout: StoreLayout,
  cells: readonly HeatCell[],
  o: HeatmapPngOptions = {},
): Promise<Buffer> {
  const base = await renderLayoutPng(layout, {
    ...(o.pixelsPerMetre !== undefined && { pixelsPerMetre: o.pixelsPerMetre }),
  });
  const overlay = Buffer.from(heatOverlaySvg(layout, cells, o));
  return sharp(base)
    .composite([{ input: overlay, top: 0, left: 0 }])
    .png({ compressionLevel: 9 })
    .toBuffer();
}
