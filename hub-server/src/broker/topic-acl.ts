// Who may publish and subscribe where. Pure: an identity and a topic in, yes or no out.
//   gateway  publishes only its own retail/v1/{store}/{gateway}/{gateway kind}; reads only its config and cmd
//   pos      publishes only retail/v1/{store}/pos/transactions
//   hub      the hub's own clients: everything under retail/v1
import { GATEWAY_KINDS, HUB_KINDS, parseTopic, TOPIC_ROOT } from '@retail/contracts';

export type Identity =
  | { role: 'gateway'; storeId: string; gatewayId: string }
  | { role: 'pos'; storeId: string }
  | { role: 'hub' };

const gatewayKinds: ReadonlySet<string> = new Set(GATEWAY_KINDS);
const hubKinds: ReadonlySet<string> = new Set(HUB_KINDS);

/** MQTT user names: `{storeId}.{gatewayId}` for gateways, `{storeId}.pos` for tills. Ids never contain dots. */
export function usernameOf(identity: Exclude<Identity, { role: 'hub' }>): string {
  return identity.role === 'gateway'
    ? `${identity.storeId}.${identity.gatewayId}`
    : `${identity.storeId}.pos`;
}

export function parseUsername(username: string): { storeId: string; principal: string } | undefined {
  const m = /^([a-z0-9][a-z0-9_-]{0,63})\.([a-z0-9][a-z0-9_-]{0,63})$/.exec(username);
  return m ? { storeId: m[1]!, principal: m[2]! } : undefined;
}

export function mayPublish(who: Identity, topic: string): boolean {
  const t = parseTopic(topic);
  if (!t) return false;
  switch (who.role) {
    case 'hub':
      return true;
    case 'pos':
      return t.kind === 'pos-transactions' && t.storeId === who.storeId;
    case 'gateway':
      return (
        'gatewayId' in t &&
        t.storeId === who.storeId &&
        t.gatewayId === who.gatewayId &&
        gatewayKinds.has(t.kind)
      );
  }
}

export function maySubscribe(who: Identity, filter: string): boolean {
  if (who.role === 'hub')
    return (
      filter === `${TOPIC_ROOT}/#` || filter.startsWith(`${TOPIC_ROOT}/`) || filter.startsWith('$share/')
    );
  if (who.role === 'pos') return false;
  // Exactly its own config and cmd: no wildcards, nothing of other gateways.
  const t = parseTopic(filter);
  return (
    t !== undefined &&
    'gatewayId' in t &&
    t.storeId === who.storeId &&
    t.gatewayId === who.gatewayId &&
    hubKinds.has(t.kind)
  );
}
