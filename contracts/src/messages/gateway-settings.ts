// The gateway's tunable behaviour, pushed by the hub in the retained `config` message and also
// accepted in the gateway's local config file. Defaults are the product's defaults.
import { z } from 'zod';

export const gatewaySettingsSchema = z.strictObject({
  /** Aggregation window, seconds. */
  windowSeconds: z.number().int().min(10).max(3600).default(60),
  /** Heatmap base cell edge, metres. */
  heatmapCellSize: z.number().min(0.1).max(5).default(0.5),
  /** Cells and zones seen by fewer distinct tracks are merged or suppressed. */
  kAnonymity: z.number().int().min(2).max(1000).default(5),
  /** Laplace ε per window; absent means no noise is added. */
  epsilon: z.number().positive().max(100).optional(),
  /** A zone visit at least this long counts as a stop. */
  stopThresholdS: z.number().min(1).max(3600).default(10),
  /** Publish pseudonymous paths of opted-in shoppers. */
  publishPaths: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info'),
});
export type GatewaySettings = z.output<typeof gatewaySettingsSchema>;
export type GatewaySettingsInput = z.input<typeof gatewaySettingsSchema>;
