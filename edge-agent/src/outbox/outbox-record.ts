// The body of one outbox record: the message as queued, JSON-encoded.

export interface OutboxMessage {
  /** The caller's sequence number (the `{gatewayId}:{seq}` of the msgId); never renumbered. */
  seq: number;
  /** Topic kind, for the drop policy and the counters; the outbox reads nothing else of the message. */
  kind: string;
  topic: string;
  /** The encoded, already validated message. */
  payload: string;
  /** When it was queued (ms since the epoch, from the outbox's clock). */
  enqueuedAt: number;
}

export function encodeOutboxRecord(m: OutboxMessage): Buffer {
  const { seq, kind, topic, payload, enqueuedAt } = m;
  return Buffer.from(JSON.stringify({ seq, kind, topic, payload, enqueuedAt }));
}

/** The message in a record body, or undefined when the body is not one (never throws). */
export function decodeOutboxRecord(body: Uint8Array): OutboxMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { seq, kind, topic, payload, enqueuedAt } = v as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) return undefined;
  if (typeof kind !== 'string' || typeof topic !== 'string' || typeof payload !== 'string') return undefined;
  if (typeof enqueuedAt !== 'number' || !Number.isFinite(enqueuedAt)) return undefined;
  return { seq: seq as number, kind, topic, payload, enqueuedAt };
}
