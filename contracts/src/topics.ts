// The MQTT topic tree, built and parsed here and nowhere else:
//   retail/v1/{storeId}/{gatewayId}/{kind}   gateway ⇄ hub
//   retail/v1/{storeId}/pos/transactions     point of sale → hub
import { SLUG_PATTERN } from './ids.js';

export const TOPIC_ROOT = 'retail/v1';

/** What gateways publish. */
export const GATEWAY_KINDS = ['status', 'heatmap', 'zones', 'counts', 'paths', 'metrics', 'reply'] as const;
/** What the hub publishes to one gateway. */
export const HUB_KINDS = ['config', 'cmd'] as const;
export const TOPIC_KINDS = [...GATEWAY_KINDS, ...HUB_KINDS] as const;

export type GatewayKind = (typeof GATEWAY_KINDS)[number];
export type HubKind = (typeof HUB_KINDS)[number];
export type TopicKind = (typeof TOPIC_KINDS)[number];

export type Topic =
  | { storeId: string; gatewayId: string; kind: TopicKind }
  | { storeId: string; kind: 'pos-transactions' };

const KIND_SET: ReadonlySet<string> = new Set(TOPIC_KINDS);

export function gatewayTopic(storeId: string, gatewayId: string, kind: TopicKind): string {
  return buildTopic({ storeId, gatewayId, kind });
}

export function posTopic(storeId: string): string {
  return buildTopic({ storeId, kind: 'pos-transactions' });
}

export function buildTopic(t: Topic): string {
  assertSlug(t.storeId, 'storeId');
  if (t.kind === 'pos-transactions') return `${TOPIC_ROOT}/${t.storeId}/pos/transactions`;
  if (!('gatewayId' in t)) throw new RangeError('gatewayId is required');
  assertSlug(t.gatewayId, 'gatewayId');
  if (t.gatewayId === 'pos') throw new RangeError('"pos" is reserved and cannot be a gateway id');
  return `${TOPIC_ROOT}/${t.storeId}/${t.gatewayId}/${t.kind}`;
}

export function parseTopic(topic: string): Topic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'retail' || parts[1] !== 'v1') return undefined;
  const [, , storeId, middle, last] = parts as [string, string, string, string, string];
  if (!SLUG_PATTERN.test(storeId) || !SLUG_PATTERN.test(middle)) return undefined;
  if (middle === 'pos') return last === 'transactions' ? { storeId, kind: 'pos-transactions' } : undefined;
  if (!KIND_SET.has(last)) return undefined;
  return { storeId, gatewayId: middle, kind: last as TopicKind };
}

/** Subscription filters. */
export const topicFilters = {
  everything: `${TOPIC_ROOT}/#`,
  /** Everything gateways and POS publish, for the hub's ingest. */
  allOfKind: (kind: GatewayKind) => `${TOPIC_ROOT}/+/+/${kind}`,
  /** What one gateway reads: its own config and commands, nothing else. */
  gatewayInbox: (storeId: string, gatewayId: string) =>
    HUB_KINDS.map((k) => gatewayTopic(storeId, gatewayId, k)),
  /** MQTT 5 / Mosquitto shared subscription, so several hub workers split one stream. */
  shared: (group: string, filter: string) => `$share/${group}/${filter}`,
};

function assertSlug(value: string, name: string): void {
  if (!SLUG_PATTERN.test(value)) throw new RangeError(`${name} "${value}" is not a valid topic level`);
}
