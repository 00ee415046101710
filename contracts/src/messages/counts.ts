// `counts`: people crossing each entrance's counting line, in and out, over one window.
import { z } from 'zod';
import { checkWindow, countSchema, envelopeFields, refIdSchema, windowFields } from './envelope.js';

export const entranceCountSchema = z.strictObject({
  entranceId: refIdSchema,
  in: countSchema,
  out: countSchema,
});

export const countsMessageSchema = z
  .strictObject({
    ...envelopeFields,
    ...windowFields,
    entrances: z.array(entranceCountSchema).max(200),
  })
  .superRefine(checkWindow);
export type CountsMessage = z.output<typeof countsMessageSchema>;
