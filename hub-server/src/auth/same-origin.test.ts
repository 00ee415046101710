import { describe, expect, it } from 'vitest';
import { isSameOriginWrite, originMatches } from './same-origin.js';

const url = 'http://hub.local:8080/api/v1/stores/a/ping';
const none = { origin: undefined, requestedWith: undefined, fetchSite: undefined };

describe('same-origin check for cookie writes', () => {
  it('accepts the hub’s own origin (any scheme, same host and port) and trusted ones', () => {
    expect(originMatches('http://hub.local:8080', url, [])).toBe(true);
    expect(originMatches('https://hub.local:8080', url, [])).toBe(true);
    expect(originMatches('http://hub.local', url, [])).toBe(false);
    expect(originMatches('http://evil.example', url, [])).toBe(false);
    expect(originMatches('null', url, [])).toBe(false);
    expect(originMatches('https://dash.example', url, ['https://dash.example'])).toBe(true);
  });

  it('without an Origin, needs a custom header or Sec-Fetch-Site: same-origin', () => {
    expect(isSameOriginWrite(none, url, [])).toBe(false);
    expect(isSameOriginWrite({ ...none, requestedWith: 'fetch' }, url, [])).toBe(true);
    expect(isSameOriginWrite({ ...none, fetchSite: 'same-origin' }, url, [])).toBe(true);
    expect(isSameOriginWrite({ ...none, fetchSite: 'cross-site' }, url, [])).toBe(false);
    // A foreign Origin is refused even with the custom header.
    expect(isSameOriginWrite({ ...none, origin: 'http://evil.example', requestedWith: 'x' }, url, [])).toBe(
      false,
    );
  });
});
