// `cmd` (hub → gateway): diagnostics and operations; the gateway answers on `reply`.
import { z } from 'zod';
import { envelopeFields, epochMsSchema } from './envelope.js';

export const commandSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('ping') }),
  z.strictObject({ name: z.literal('diagnostics') }),
  z.strictObject({ name: z.literal('flush-outbox') }),
  z.strictObject({ name: z.literal('restart') }),
  z.strictObject({
    name: z.literal('update'),
    version: z.string().min(1).max(40),
    url: z.url(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    /** ed25519 signature of the bundle, base64. */
    signature: z.string().min(1).max(200),
  }),
]);

export const cmdMessageSchema = z.strictObject({
  ...envelopeFields,
  ts: epochMsSchema,
  command: commandSchema,
  /** The gateway ignores commands that arrive after this time. */
  expiresAt: epochMsSchema.optional(),
});
export type CmdMessage = z.output<typeof cmdMessageSchema>;
export type Command = z.output<typeof commandSchema>;
