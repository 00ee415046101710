// Identifier rules shared by topics, messages and layouts, and the `{sourceId}:{seq}` message id.
import { z } from 'zod';

/** Lower-case slug usable as an MQTT topic level: no `/`, `+`, `#`, spaces or upper case. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const slugSchema = z
  .string()
  .regex(
    SLUG_PATTERN,
    'must be a lower-case id: a-z, 0-9, "-" or "_", starting with a letter or digit, ≤ 64 chars',
  );

/** Gateway ids that would collide with fixed topic levels. */
export const RESERVED_GATEWAY_IDS = ['pos', 'hub'] as const;

export const gatewayIdSchema = slugSchema.refine(
  (id) => !(RESERVED_GATEWAY_IDS as readonly string[]).includes(id),
  { message: `"pos" and "hub" are reserved and cannot be gateway ids` },
);

export interface MsgId {
  source: string;
  seq: number;
}

const MSG_ID_PATTERN = /^([a-z0-9][a-z0-9_-]{0,63}):(0|[1-9][0-9]{0,15})$/;

export function formatMsgId(source: string, seq: number): string {
  if (!SLUG_PATTERN.test(source)) throw new RangeError(`msgId source "${source}" is not a valid id`);
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new RangeError(`msgId sequence ${seq} is not a non-negative integer`);
  return `${source}:${seq}`;
}

export function parseMsgId(text: string): MsgId | undefined {
  const m = MSG_ID_PATTERN.exec(text);
  if (!m) return undefined;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { source: m[1]!, seq } : undefined;
}

export const msgIdSchema = z
  .string()
  .refine((s) => parseMsgId(s) !== undefined, 'must be "{sourceId}:{sequence}", e.g. "gw-1:42"');
