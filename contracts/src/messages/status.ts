// `status`: a gateway's retained birth message, and its last will (offline) set at connect time.
import { z } from 'zod';
import { envelopeFields, epochMsSchema } from './envelope.js';

export const GATEWAY_STATES = ['online', 'offline', 'degraded'] as const;

export const statusMessageSchema = z.strictObject({
  ...envelopeFields,
  ts: epochMsSchema,
  state: z.enum(GATEWAY_STATES),
  /** Why, for offline/degraded, or what was rejected (e.g. a config that failed validation). */
  reason: z.string().max(2000).optional(),
  /** The agent's software version (semver). */
  version: z.string().min(1).max(40),
  layoutVersion: z.number().int().positive().optional(),
  configVersion: z.number().int().min(0).optional(),
  startedAt: epochMsSchema.optional(),
});
export type StatusMessage = z.output<typeof statusMessageSchema>;
