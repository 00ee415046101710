// Fields every message carries, so any consumer can validate, de-duplicate and place it in time.
import { z } from 'zod';
import { gatewayIdSchema, msgIdSchema, slugSchema } from '../ids.js';

/** Contract version on the wire. A breaking change adds a new literal and a new topic root (`retail/v2`). */
export const MESSAGE_VERSION = 1;
/** Larger payloads are refused before parsing (a 60 s window of a busy store is ~20 KiB). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Milliseconds since the Unix epoch. */
export const epochMsSchema = z.number().int().min(0).max(8.64e15);

export const envelopeFields = {
  v: z.literal(MESSAGE_VERSION),
  /** `{gatewayId}:{sequence}`, unique and monotonic per source; the hub de-duplicates on it. */
  msgId: msgIdSchema,
  storeId: slugSchema,
  gatewayId: gatewayIdSchema,
};

/** For messages that summarise a time window. */
export const windowFields = {
  windowStart: epochMsSchema,
  windowEnd: epochMsSchema,
  /** The layout version the window was computed with; 0 when the gateway has no layout yet (metrics only). */
  layoutVersion: z.number().int().min(0),
};

const MAX_WINDOW_MS = 24 * 3600 * 1000;

/** Rejects windows that end before they start or span more than a day. */
export function checkWindow(m: { windowStart: number; windowEnd: number }, ctx: z.RefinementCtx): void {
  if (m.windowEnd <= m.windowStart) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'windowEnd must be after windowStart' });
  } else if (m.windowEnd - m.windowStart > MAX_WINDOW_MS) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'a window may span at most 24 hours' });
  }
}

/** Ids of things in the layout (zones, cameras, entrances). */
export const refIdSchema = slugSchema;
export const countSchema = z.number().int().min(0);
/** Counts that may carry Laplace noise (differential privacy) are non-negative reals. */
export const noisyCountSchema = z.number().finite().min(0);
