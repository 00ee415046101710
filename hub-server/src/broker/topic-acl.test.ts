import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Identity, mayPublish, maySubscribe, parseUsername, usernameOf } from './topic-acl.js';

const gw: Identity = { role: 'gateway', storeId: 's1', gatewayId: 'gw-1' };

describe('topic ACL', () => {
  it('lets a gateway publish only under its own prefix, and only gateway kinds', () => {
    expect(mayPublish(gw, 'retail/v1/s1/gw-1/heatmap')).toBe(true);
    expect(mayPublish(gw, 'retail/v1/s1/gw-1/status')).toBe(true);
    expect(mayPublish(gw, 'retail/v1/s1/gw-2/heatmap')).toBe(false);
    expect(mayPublish(gw, 'retail/v1/s2/gw-1/heatmap')).toBe(false);
    expect(mayPublish(gw, 'retail/v1/s1/gw-1/config')).toBe(false);
    expect(mayPublish(gw, 'retail/v1/s1/pos/transactions')).toBe(false);
    expect(mayPublish(gw, 'other/topic')).toBe(false);
  });

  it('lets a gateway read only its own config and cmd', () => {
    expect(maySubscribe(gw, 'retail/v1/s1/gw-1/config')).toBe(true);
    expect(maySubscribe(gw, 'retail/v1/s1/gw-1/cmd')).toBe(true);
    expect(maySubscribe(gw, 'retail/v1/s1/gw-1/+')).toBe(false);
    expect(maySubscribe(gw, 'retail/v1/#')).toBe(false);
    expect(maySubscribe(gw, 'retail/v1/s1/gw-2/config')).toBe(false);
    expect(maySubscribe(gw, '$share/x/retail/v1/#')).toBe(false);
  });

  it('lets a till publish only its store’s transactions', () => {
    const pos: Identity = { role: 'pos', storeId: 's1' };
    expect(mayPublish(pos, 'retail/v1/s1/pos/transactions')).toBe(true);
    expect(mayPublish(pos, 'retail/v1/s2/pos/transactions')).toBe(false);
    expect(mayPublish(pos, 'retail/v1/s1/gw-1/heatmap')).toBe(false);
  });

  it('property: a gateway never gets another gateway’s topic', () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/).filter((s) => s !== 'pos' && s !== 'hub');
    fc.assert(
      fc.property(
        slug,
        slug,
        slug,
        slug,
        fc.constantFrom('heatmap', 'status', 'config', 'cmd'),
        (s1, g1, s2, g2, kind) => {
          fc.pre(s1 !== s2 || g1 !== g2);
          const who: Identity = { role: 'gateway', storeId: s1, gatewayId: g1 };
          expect(mayPublish(who, `retail/v1/${s2}/${g2}/${kind}`)).toBe(false);
          expect(maySubscribe(who, `retail/v1/${s2}/${g2}/${kind}`)).toBe(false);
        },
      ),
    );
  });

  it('round-trips user names', () => {
    expect(parseUsername(usernameOf(gw as Exclude<Identity, { role: 'hub' }>))).toEqual({
      storeId: 's1',
      principal: 'gw-1',
    });
    expect(parseUsername('s1/gw-1')).toBeUndefined();
  });
});
