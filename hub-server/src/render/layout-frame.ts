// Where everything goes on the canvas: the plan's offset and scale, floor ⇄ pixel mapping (with the
// y flip for bottom-left origins), the title band, the legend column and the font sizes.
import type { StoreLayout } from '@retail/contracts';
import type { Box } from './label-placer.js';
import type { Pt } from './svg-primitives.js';

export interface LayoutSvgOptions {
  /** Drawing scale; 32 px per metre unless given. Fonts and strokes grow with it. */
  pixelsPerMetre?: number;
  /** Draw the title block (store name, version); default true. */
  title?: boolean;
}

export interface Frame {
  ppm: number;
  /** Size factor for fonts, strokes and symbols: 1 at 32 px/m. */
  s: number;
  width: number;
  height: number;
  titleH: number;
  /** The floor rectangle in pixels. */
  plan: Box;
  /** Where the legend column starts and how wide it is. */
  legend: { x: number; y: number; width: number };
  /** Where labels may go: the plan and its margins, not the legend. */
  labelArea: Box;
  fonts: { zone: number; fixture: number; icon: number };
  toPx(p: readonly [number, number]): Pt;
  toFloor(p: Pt): [number, number];
}

export function planFrame(layout: StoreLayout, options: LayoutSvgOptions): Frame {
  const ppm = options.pixelsPerMetre ?? 32;
  const s = Math.max(0.6, ppm / 32);
  const { width: floorW, depth: floorD, origin } = layout.floor;
  const flip = origin === 'bottom-left';
  const titleH = options.title === false ? 0 : 70 * s;
  const pad = 34 * s;
  const legendW = 250 * s;
  const ox = pad + 8 * s;
  const oy = titleH + pad;
  const plan: Box = { x0: ox, y0: oy, x1: ox + floorW * ppm, y1: oy + floorD * ppm };
  const width = Math.ceil(plan.x1 + pad + legendW + pad * 0.5);
  const height = Math.ceil(Math.max(plan.y1 + 36 * s, oy + 720 * s));
  return {
    ppm,
    s,
    width,
    height,
    titleH,
    plan,
    legend: { x: plan.x1 + pad * 0.9, y: oy + 6 * s, width: legendW - pad * 0.5 },
    labelArea: { x0: 0, y0: titleH, x1: plan.x1 + pad * 0.6, y1: height },
    fonts: {
      zone: Math.min(30, Math.max(10, 13.5 * s)),
      fixture: Math.min(22, Math.max(8, 9.5 * s)),
      icon: Math.min(24, Math.max(8, 11 * s)),
    },
    toPx: ([x, y]) => [ox + x * ppm, oy + (flip ? floorD - y : y) * ppm],
    toFloor: ([px, py]) => {
      const y = (py - oy) / ppm;
      return [(px - ox) / ppm, flip ? floorD - y : y];
    },
  };
}
