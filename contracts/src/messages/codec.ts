// Encoding and decoding of every MQTT payload: topic → schema, size limit, JSON, version, and the
// rule that a message speaks only for the topic it arrived on. Never throws on bad input.
import type { z } from 'zod';
import { parseMsgId } from '../ids.js';
import { parseTopic, type Topic, type TopicKind } from '../topics.js';
import { compileValidator, type FastCheck } from '../validation/compiled-validator.js';
import { type FieldIssue, fieldIssues } from '../validation.js';
import { cmdMessageSchema } from './cmd.js';
import { configMessageSchema } from './config.js';
import { countsMessageSchema } from './counts.js';
import { MAX_PAYLOAD_BYTES, MESSAGE_VERSION } from './envelope.js';
import { heatmapMessageSchema } from './heatmap.js';
import { metricsMessageSchema } from './metrics.js';
import { pathsMessageSchema } from './paths.js';
import { posTransactionsMessageSchema } from './pos-transactions.js';
import { replyMessageSchema } from './reply.js';
import { statusMessageSchema } from './status.js';
import { zonesMessageSchema } from './zones.js';

/** One schema per topic kind: the topic → payload map. */
export const messageSchemas = {
  status: statusMessageSchema,
  heatmap: heatmapMessageSchema,
  zones: zonesMessageSchema,
  counts: countsMessageSchema,
  paths: pathsMessageSchema,
  metrics: metricsMessageSchema,
  reply: replyMessageSchema,
  config: configMessageSchema,
  cmd: cmdMessageSchema,
  'pos-transactions': posTransactionsMessageSchema,
} as const satisfies Record<TopicKind | 'pos-transactions', z.ZodType>;

export type MessageKind = keyof typeof messageSchemas;
export type MessageOf<K extends MessageKind> = z.output<(typeof messageSchemas)[K]>;
export type MessageInputOf<K extends MessageKind> = z.input<(typeof messageSchemas)[K]>;

export type DecodedMessage = {
  [K in MessageKind]: {
    kind: K;
    storeId: string;
    gatewayId?: string;
    message: MessageOf<K>;
    /**
     * The payload text as received, when `message` is exactly its JSON (no default had to be filled in):
     * it can be stored as is instead of serialising `message` again.
     */
    text?: string;
  };
}[MessageKind];

export const DECODE_FAILURES = [
  'bad-topic',
  'too-large',
  'bad-json',
  'unsupported-version',
  'invalid',
  'topic-mismatch',
] as const;
export type DecodeFailureCode = (typeof DECODE_FAILURES)[number];

export interface DecodeFailure {
  ok: false;
  code: DecodeFailureCode;
  reason: string;
  issues?: FieldIssue[];
}
export type DecodeResult = ({ ok: true } & DecodedMessage) | DecodeFailure;

const HUB_SOURCE = 'hub';
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function fail(code: DecodeFailureCode, reason: string, issues?: FieldIssue[]): DecodeFailure {
  return issues ? { ok: false, code, reason, issues } : { ok: false, code, reason };
}

export function decodeMessage(topic: string, payload: Uint8Array | string): DecodeResult {
  const t = parseTopic(topic);
  if (!t) return fail('bad-topic', `"${topic.slice(0, 200)}" is not a retail/v1 topic`);
  const size = typeof payload === 'string' ? byteLength(payload) : payload.byteLength;
  if (size > MAX_PAYLOAD_BYTES)
    return fail('too-large', `payload is ${size} bytes, the limit is ${MAX_PAYLOAD_BYTES}`);

  let text: string;
  let json: unknown;
  try {
    text = typeof payload === 'string' ? payload : utf8.decode(payload);
    json = JSON.parse(text);
  } catch (e) {
    return fail('bad-json', `payload is not UTF-8 JSON: ${(e as Error).message}`);
  }
  const v = (json as { v?: unknown } | null)?.v;
  if (v !== MESSAGE_VERSION)
    return fail(
      'unsupported-version',
      `message version ${JSON.stringify(v)} is not supported (expected ${MESSAGE_VERSION})`,
    );

  // The compiled check accepts exactly what the schema does; zod itself names the problems.
  const fast = fastCheck(t.kind)?.(json);
  let message: unknown = json;
  if (!fast?.ok) {
    const parsed = messageSchemas[t.kind].safeParse(json);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      return fail(
        'invalid',
        `invalid ${t.kind} message: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    message = parsed.data;
  }
  const mismatch = topicMismatch(t, message as MessageOf<MessageKind>);
  if (mismatch) return fail('topic-mismatch', mismatch);
  const gatewayId = 'gatewayId' in t ? t.gatewayId : undefined;
  const decoded = { ok: true, kind: t.kind, storeId: t.storeId, gatewayId, message } as {
    ok: true;
  } & DecodedMessage;
  if (fast?.ok && !fast.filledDefaults) decoded.text = text;
  return decoded;
}

// Compiled on first use of each kind; null when a schema cannot be compiled (zod alone decides).
const fastChecks = new Map<MessageKind, FastCheck | null>();

function fastCheck(kind: MessageKind): FastCheck | null {
  let check = fastChecks.get(kind);
  if (check === undefined) {
    check = compileValidator(messageSchemas[kind]) ?? null;
    fastChecks.set(kind, check);
  }
  return check;
}

/** A message may only speak for the store and gateway of its topic, with ids of its own source. */
function topicMismatch(t: Topic, m: MessageOf<MessageKind>): string | undefined {
  if (m.storeId !== t.storeId)
    return `storeId "${m.storeId}" does not match the topic's store "${t.storeId}"`;
  if (!('gatewayId' in t)) return undefined;
  const gm = m as { gatewayId: string; msgId: string };
  if (gm.gatewayId !== t.gatewayId)
    return `gatewayId "${gm.gatewayId}" does not match the topic's gateway "${t.gatewayId}"`;
  const source = parseMsgId(gm.msgId)?.source;
  const expected = t.kind === 'config' || t.kind === 'cmd' ? HUB_SOURCE : t.gatewayId;
  if (source !== expected) return `msgId "${gm.msgId}" must come from "${expected}"`;
  return undefined;
}

export type EncodeResult =
  | { ok: true; payload: string; message: unknown }
  | { ok: false; issues: FieldIssue[] };

/** Validates an outgoing message against its schema (defaults filled in) and serialises it. */
export function encodeMessage<K extends MessageKind>(kind: K, message: MessageInputOf<K>): EncodeResult {
  const parsed = messageSchemas[kind].safeParse(message);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const payload = JSON.stringify(parsed.data);
  const size = byteLength(payload);
  if (size > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      issues: [{ path: '(root)', message: `payload is ${size} bytes, the limit is ${MAX_PAYLOAD_BYTES}` }],
    };
  }
  return { ok: true, payload, message: parsed.data };
}

function byteLength(s: string): number {
  return s.length * 3 <= MAX_PAYLOAD_BYTES ? s.length : encoder.encode(s).byteLength;
}
