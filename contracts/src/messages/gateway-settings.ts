// The gateway's tunable behaviour, pushed by the hub in the retained `config` message and also
// accepted in the gateway's local config file. Defaults are the product's defaults.
import { z } from 'zod';

export const gatewaySettingsSchema = z.strictObject({
  windowSeconds: z.number().int().min(10).max(3600).default(60).describe('Aggregation window, seconds.'),
  heatmapCellSize: z.number().min(0.1).max(5).default(0.5).describe('Heatmap base cell edge, metres.'),
  kAnonymity: z
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(5)
    .describe(
      'Cells and zones seen by fewer distinct shoppers are merged, or held for the next windows of the hour.',
    ),
  epsilon: z
    .number()
    .positive()
    .max(100)
    .optional()
    .describe('Laplace noise ε per window (differential privacy); absent means no noise.'),
  stopThresholdS: z
    .number()
    .min(1)
    .max(3600)
    .default(10)
    .describe('A zone visit at least this long counts as a stop.'),
  zoneMinDwellS: z
    .number()
    .min(0)
    .max(60)
    .default(2)
    .describe('A zone visit starts only after this long inside: passing through a corner is not a visit.'),
  zoneExitGraceS: z
    .number()
    .min(0)
    .max(60)
    .default(1)
    .describe('A visit ends only after this long outside, so jitter on a zone border is one visit.'),
  publishPaths: z.boolean().default(true).describe('Publish pseudonymous paths of opted-in shoppers.'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info').describe('Log verbosity.'),
});
export type GatewaySettings = z.output<typeof gatewaySettingsSchema>;
export type GatewaySettingsInput = z.input<typeof gatewaySettingsSchema>;
