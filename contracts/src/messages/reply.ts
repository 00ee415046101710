// `reply` (gateway → hub): the outcome of one `cmd`.
import { z } from 'zod';
import { msgIdSchema } from '../ids.js';
import { envelopeFields, epochMsSchema } from './envelope.js';

export const replyMessageSchema = z.strictObject({
  ...envelopeFields,
  ts: epochMsSchema,
  inReplyTo: msgIdSchema,
  ok: z.boolean(),
  detail: z.string().max(2000).optional(),
  /** Flat diagnostic values (counters, versions); never identifiers of people or devices. */
  data: z.record(z.string().max(64), z.union([z.number(), z.string().max(200), z.boolean()])).optional(),
});
export type ReplyMessage = z.output<typeof replyMessageSchema>;
