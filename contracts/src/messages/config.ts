// `config` (hub → gateway, retained): the settings and layout a gateway should run with.
// A gateway validates it, applies it without a restart, or answers with a `status` naming the problem.
import { z } from 'zod';
import { storeLayoutSchema } from '../layout/index.js';
import { envelopeFields, epochMsSchema } from './envelope.js';
import { gatewaySettingsSchema } from './gateway-settings.js';

export const configMessageSchema = z.strictObject({
  ...envelopeFields,
  ts: epochMsSchema,
  /** Increases with every change; the gateway reports the one it runs in `status`. */
  configVersion: z.number().int().min(0),
  settings: gatewaySettingsSchema,
  /** The store layout, when the hub manages it; the gateway keeps its local one otherwise. */
  layout: storeLayoutSchema.optional(),
});
export type ConfigMessage = z.output<typeof configMessageSchema>;
