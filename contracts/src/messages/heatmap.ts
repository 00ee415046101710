// `heatmap`: distinct shoppers and dwell seconds per floor cell over one window, k-anonymous. What a
// window leaves under k the gateway adds to the same cell in its next windows of the store's hour, so a
// cell may carry dwell from a few minutes earlier; each minute's dwell is published once at most.
import { z } from 'zod';
import { checkWindow, countSchema, envelopeFields, noisyCountSchema, windowFields } from './envelope.js';

export const heatmapCellSchema = z.strictObject({
  /** Column and row of the cell's first base cell (x = col · cellSize from the floor origin). */
  col: z.number().int().min(0).max(100_000),
  row: z.number().int().min(0).max(100_000),
  /** 1 for a base cell; n when n × n base cells were merged to reach k distinct shoppers. */
  scale: z.number().int().min(1).max(1024).default(1),
  /** Distinct shopper tracks seen in the cell (never below k, unless noise was added). */
  shoppers: noisyCountSchema,
  dwellSeconds: z.number().finite().min(0),
});

export const heatmapMessageSchema = z
  .strictObject({
    ...envelopeFields,
    ...windowFields,
    /** Base cell edge, metres. */
    cellSize: z.number().positive().max(10),
    /** The k of k-anonymity this window was published under. */
    k: z.number().int().min(1),
    /** Laplace ε per window when noise was added; absent when not. */
    epsilon: z.number().positive().optional(),
    cells: z.array(heatmapCellSchema).max(20_000),
    /** Base cells withheld from this window because fewer than k shoppers were seen there, even after
     * merging: held for a later window of the hour, or dropped at its end. */
    suppressedCells: countSchema,
  })
  .superRefine(checkWindow);
export type HeatmapMessage = z.output<typeof heatmapMessageSchema>;
export type HeatmapCell = z.output<typeof heatmapCellSchema>;
