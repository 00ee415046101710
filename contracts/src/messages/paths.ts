// `paths`: zone-visit sequences of opted-in shoppers only, keyed by the loyalty app's rotating
// identifiers (never a MAC, a member id or a loyalty number); the hub resolves them to a pseudonym.
import { z } from 'zod';
import { checkWindow, envelopeFields, epochMsSchema, refIdSchema, windowFields } from './envelope.js';

/** A rotating identifier: 8 bytes of HMAC(memberSecret, timeSlot), lower-case hex. */
export const rotatingIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits');

export const zoneVisitSchema = z
  .strictObject({
    zoneId: refIdSchema,
    enterTs: epochMsSchema,
    exitTs: epochMsSchema,
  })
  .refine((v) => v.exitTs >= v.enterTs, { path: ['exitTs'], message: 'exitTs must not be before enterTs' });

export const pathSchema = z.strictObject({
  /** Random per gateway and path; it links the windows of one path, nothing else. */
  pathId: z.string().regex(/^[0-9a-f]{16,32}$/, 'must be 16–32 lower-case hex digits'),
  rotatingIds: z.array(rotatingIdSchema).min(1).max(256),
  visits: z.array(zoneVisitSchema).max(2000),
  /** True when the path ended in this window (the shopper left or was lost). */
  closed: z.boolean(),
});

export const pathsMessageSchema = z
  .strictObject({
    ...envelopeFields,
    ...windowFields,
    paths: z.array(pathSchema).max(2000),
  })
  .superRefine(checkWindow);
export type PathsMessage = z.output<typeof pathsMessageSchema>;
export type ShopperPath = z.output<typeof pathSchema>;
