import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMsgId, parseMsgId } from './ids.js';
import { buildTopic, GATEWAY_KINDS, parseTopic, TOPIC_KINDS, type Topic, topicFilters } from './topics.js';

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);
const gatewayId = slug.filter((s) => s !== 'pos' && s !== 'hub');
const topicArb: fc.Arbitrary<Topic> = fc.oneof(
  fc.record({ storeId: slug, gatewayId, kind: fc.constantFrom(...TOPIC_KINDS) }),
  fc.record({ storeId: slug, kind: fc.constant('pos-transactions' as const) }),
);

describe('topics', () => {
  it('builds the documented tree', () => {
    expect(buildTopic({ storeId: 's1', gatewayId: 'gw-1', kind: 'heatmap' })).toBe(
      'retail/v1/s1/gw-1/heatmap',
    );
    expect(buildTopic({ storeId: 's1', kind: 'pos-transactions' })).toBe('retail/v1/s1/pos/transactions');
    expect(topicFilters.gatewayInbox('s1', 'gw-1')).toEqual([
      'retail/v1/s1/gw-1/config',
      'retail/v1/s1/gw-1/cmd',
    ]);
    expect(topicFilters.shared('hub', topicFilters.everything)).toBe('$share/hub/retail/v1/#');
    expect(topicFilters.allOfKind(GATEWAY_KINDS[0])).toBe('retail/v1/+/+/status');
  });

  it('property: parse is the inverse of build', () => {
    fc.assert(
      fc.property(topicArb, (t) => {
        expect(parseTopic(buildTopic(t))).toEqual(t);
      }),
    );
  });

  it('property: build is the inverse of parse on every topic parse accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(slug, fc.string({ maxLength: 8 })), { maxLength: 6 }), (parts) => {
        const topic = ['retail', 'v1', ...parts].join('/');
        const t = parseTopic(topic);
        if (t) expect(buildTopic(t)).toBe(topic);
      }),
    );
  });

  it('rejects wildcards, upper case, unknown kinds and other roots', () => {
    for (const bad of [
      'retail/v1/s1/+/heatmap',
      'retail/v1/S1/gw/heatmap',
      'retail/v1/s1/gw/video',
      'retail/v2/s1/gw/heatmap',
      'retail/v1/s1/pos/heatmap',
      'retail/v1/s1/gw/heatmap/extra',
    ]) {
      expect(parseTopic(bad), bad).toBeUndefined();
    }
    expect(() => buildTopic({ storeId: 's1', gatewayId: 'a/b', kind: 'status' })).toThrow(/gatewayId/);
  });
});

describe('message ids', () => {
  it('property: parse is the inverse of format', () => {
    fc.assert(
      fc.property(slug, fc.nat({ max: Number.MAX_SAFE_INTEGER }), (source, seq) => {
        expect(parseMsgId(formatMsgId(source, seq))).toEqual({ source, seq });
      }),
    );
  });

  it('rejects malformed ids', () => {
    for (const bad of ['gw-1', 'gw-1:', 'gw-1:-1', 'gw-1:01', 'GW:1', 'gw:1:2', ':5']) {
      expect(parseMsgId(bad), bad).toBeUndefined();
    }
  });
});
