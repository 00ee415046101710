// Messages the hub refused, with the reason, kept for inspection. Excerpts are short and never carry
// a loyalty number: POS payloads are redacted before they are kept.
import { randomUUID } from 'node:crypto';
import { insertMany, type SqlExecutor } from './sql-driver.js';

export interface DeadLetter {
  receivedAt: number;
  topic: string;
  clientId?: string;
  code: string;
  reason: string;
  payload: Uint8Array;
}

const EXCERPT_BYTES = 2048;

export class DeadLetterStore {
  async add(tx: SqlExecutor, letters: readonly DeadLetter[]): Promise<void> {
    await insertMany(
      tx,
      'INSERT INTO dead_letters (id, received_at, topic, client_id, code, reason, size_bytes, excerpt) VALUES',
      letters.map((l) => [
        randomUUID(),
        l.receivedAt,
        l.topic.slice(0, 512),
        l.clientId ?? null,
        l.code,
        l.reason.slice(0, 2000),
        l.payload.byteLength,
        excerpt(l.topic, l.payload),
      ]),
    );
  }
}

/** The start of the payload as text, or nothing when it may hold personal data we cannot redact. */
export function excerpt(topic: string, payload: Uint8Array): string | null {
  const text = Buffer.from(payload.subarray(0, EXCERPT_BYTES)).toString('utf8');
  if (!topic.endsWith('/pos/transactions')) return text;
  try {
    return JSON.stringify(JSON.parse(Buffer.from(payload).toString('utf8')), (key, value) =>
      /loyalty|member|card/i.test(key) ? '[redacted]' : value,
    ).slice(0, EXCERPT_BYTES);
  } catch {
    return null; // unparseable POS payload: keep only size and reason
  }
}
