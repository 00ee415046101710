import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cameraMetricsSample } from '../testing/camera-metrics-sample.js';
import { type Json, jsonMutationsArb } from '../testing/json-mutations.js';
import { messageArb, type Source, sourceArb } from '../testing/message-arbitraries.js';
import { buildTopic } from '../topics.js';
import { fieldIssues } from '../validation.js';
import { decodeMessage, encodeMessage, type MessageKind, messageSchemas } from './codec.js';
import { MAX_PAYLOAD_BYTES } from './envelope.js';

const KINDS = Object.keys(messageSchemas) as MessageKind[];

function topicFor(kind: MessageKind, src: Source): string {
  return kind === 'pos-transactions'
    ? buildTopic({ storeId: src.storeId, kind })
    : buildTopic({ storeId: src.storeId, gatewayId: src.gatewayId, kind });
}

const src: Source = { storeId: 'store-1', gatewayId: 'gw-1' };
const heatmap = {
  v: 1,
  msgId: 'gw-1:7',
  storeId: 'store-1',
  gatewayId: 'gw-1',
  windowStart: 1_700_000_000_000,
  windowEnd: 1_700_000_060_000,
  layoutVersion: 1,
  cellSize: 0.5,
  k: 5,
  cells: [{ col: 3, row: 4, shoppers: 6, dwellSeconds: 41.5 }],
  suppressedCells: 2,
};
const heatmapTopic = 'retail/v1/store-1/gw-1/heatmap';

describe('message codec', () => {
  for (const kind of KINDS) {
    it(`property: ${kind} round-trips through encode and decode`, () => {
      fc.assert(
        fc.property(
          sourceArb.chain((s) => fc.tuple(fc.constant(s), messageArb(kind, s, 1))),
          ([s, message]) => {
            const enc = encodeMessage(kind, message);
            if (!enc.ok) throw new Error(JSON.stringify(enc.issues));
            const dec = decodeMessage(topicFor(kind, s), enc.payload);
            if (!dec.ok) throw new Error(dec.reason);
            expect(dec.kind).toBe(kind);
            expect(dec.message).toEqual(enc.message);
            // Encoding a decoded message gives the same bytes: the wire form is stable.
            const again = encodeMessage(kind, dec.message as never);
            expect(again.ok && again.payload).toBe(enc.payload);
          },
        ),
        { numRuns: 50 },
      );
    });
  }

  for (const kind of KINDS) {
    it(`property: ${kind} decodes as zod alone would, near misses included`, () => {
      const schema = messageSchemas[kind];
      fc.assert(
        fc.property(
          sourceArb.chain((s) =>
            messageArb(kind, s, 1).chain((m) =>
              jsonMutationsArb(JSON.parse(JSON.stringify(m)) as Json).map((doc) => [s, doc] as const),
            ),
          ),
          ([s, doc]) => {
            const text = JSON.stringify(doc);
            const r = decodeMessage(topicFor(kind, s), text);
            const expected = schema.safeParse(JSON.parse(text));
            if (!r.ok && ['unsupported-version', 'too-large'].includes(r.code)) return;
            if (!expected.success) {
              expect(!r.ok && r.code).toBe('invalid');
              expect(!r.ok && r.issues).toEqual(fieldIssues(expected.error));
            } else if (r.ok) {
              expect(r.message).toStrictEqual(expected.data);
              // The text is handed back exactly when it is the message's JSON.
              expect(r.text).toBe(isDeepStrictEqual(JSON.parse(text), expected.data) ? text : undefined);
            } else {
              expect(r.code).toBe('topic-mismatch');
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('hands back the received text when no default had to be filled in', () => {
    const payload = JSON.stringify({ ...heatmap, cells: [{ ...heatmap.cells[0], scale: 2 }] });
    for (const received of [payload, new TextEncoder().encode(payload)]) {
      const r = decodeMessage(heatmapTopic, received);
      expect(r.ok && r.text).toBe(payload);
      expect(r.ok && JSON.parse(r.text!)).toEqual(r.ok && r.message);
    }
  });

  it('gives no text once a default was filled in: a cell without scale gets scale 1', () => {
    const r = decodeMessage(heatmapTopic, JSON.stringify(heatmap));
    expect(r.ok && r.kind === 'heatmap' && r.message.cells[0]!.scale).toBe(1);
    expect(r.ok && 'text' in r).toBe(false);
  });

  it('fills defaults when encoding', () => {
    const enc = encodeMessage('heatmap', heatmap as never);
    expect(enc.ok && JSON.parse(enc.payload).cells[0].scale).toBe(1);
  });

  it('property: decode never throws on arbitrary topics and payloads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...KINDS).map((k) => topicFor(k, src)),
        ),
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 512 }),
          fc.jsonValue().map((j) => JSON.stringify(j)),
        ),
        (topic, payload) => {
          const r = decodeMessage(topic, payload);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names why a message was refused', () => {
    const cases: [string, string | Uint8Array, string, RegExp][] = [
      ['retail/v1/store-1/gw-1/video', JSON.stringify(heatmap), 'bad-topic', /not a retail\/v1 topic/],
      [heatmapTopic, 'x'.repeat(MAX_PAYLOAD_BYTES + 1), 'too-large', /limit/],
      [heatmapTopic, '{"v":1,', 'bad-json', /JSON/],
      [heatmapTopic, new Uint8Array([0x7b, 0xff, 0x7d]), 'bad-json', /UTF-8/],
      [heatmapTopic, JSON.stringify({ ...heatmap, v: 2 }), 'unsupported-version', /version 2/],
      [heatmapTopic, JSON.stringify({ ...heatmap, cellSize: -1 }), 'invalid', /cellSize/],
      [heatmapTopic, JSON.stringify({ ...heatmap, windowEnd: heatmap.windowStart }), 'invalid', /windowEnd/],
      ['retail/v1/store-2/gw-1/heatmap', JSON.stringify(heatmap), 'topic-mismatch', /storeId/],
      ['retail/v1/store-1/gw-2/heatmap', JSON.stringify(heatmap), 'topic-mismatch', /gatewayId/],
      [heatmapTopic, JSON.stringify({ ...heatmap, msgId: 'gw-2:7' }), 'topic-mismatch', /msgId/],
    ];
    for (const [topic, payload, code, reason] of cases) {
      const r = decodeMessage(topic, payload);
      expect(r.ok, code).toBe(false);
      if (!r.ok) {
        expect(r.code, String(reason)).toBe(code);
        expect(r.reason).toMatch(reason);
      }
    }
  });

  it('refuses fields outside the contract, so nothing extra can leak off a gateway', () => {
    const leaky = { ...heatmap, cells: [{ ...heatmap.cells[0], mac: 'aa:bb:cc:dd:ee:ff' }] };
    const r = decodeMessage(heatmapTopic, JSON.stringify(leaky));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues?.[0]?.path).toBe('cells[0]');
    expect(encodeMessage('heatmap', { ...heatmap, frame: 'base64…' } as never).ok).toBe(false);
  });

  it("refuses a camera's floor fit with more off the floor plan than it placed", () => {
    const { cellSize, k, cells, suppressedCells, ...envelope } = heatmap;
    const metrics = (floor: { positions: number; offFloor: number }) => ({
      ...envelope,
      cameras: [cameraMetricsSample('cam-1', floor)],
      scanners: [],
      outboxDepth: 0,
      outboxDropped: 0,
      bytesSent: 0,
      uptimeS: 60,
    });
    expect(encodeMessage('metrics', metrics({ positions: 40, offFloor: 40 }) as never).ok).toBe(true);
    const r = decodeMessage(
      'retail/v1/store-1/gw-1/metrics',
      JSON.stringify(metrics({ positions: 3, offFloor: 4 })),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/cameras\[0\]\.floor\.offFloor.*cannot exceed positions/);
  });

  it('accepts only rotating identifiers in paths, not MAC addresses', () => {
    const { cellSize, k, cells, suppressedCells, ...envelope } = heatmap;
    const path = (rotatingIds: string[]) => ({
      ...envelope,
      msgId: 'gw-1:8',
      paths: [{ pathId: '0123456789abcdef', rotatingIds, visits: [], closed: true }],
    });
    expect(encodeMessage('paths', path(['0123456789abcdef']) as never).ok).toBe(true);
    expect(encodeMessage('paths', path(['aa:bb:cc:dd:ee:ff']) as never).ok).toBe(false);
    expect(encodeMessage('paths', path(['aabbccddeeff']) as never).ok).toBe(false);
  });

  it('only the hub may send config and commands', () => {
    const cmd = {
      v: 1,
      msgId: 'gw-1:1',
      storeId: 'store-1',
      gatewayId: 'gw-1',
      ts: 1,
      command: { name: 'ping' },
    };
    const r = decodeMessage('retail/v1/store-1/gw-1/cmd', JSON.stringify(cmd));
    expect(!r.ok && r.code).toBe('topic-mismatch');
    const ok = decodeMessage('retail/v1/store-1/gw-1/cmd', JSON.stringify({ ...cmd, msgId: 'hub:1' }));
    expect(ok.ok).toBe(true);
  });
});
