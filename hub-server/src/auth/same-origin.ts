// CSRF defence for cookie-authenticated writes. The cookie is SameSite=Lax, so browsers do not
// send it on cross-site POSTs at all; this is the second wall for older browsers and same-site
// attackers (another app on a sibling subdomain). A write is accepted when
//   - its Origin header names the hub itself (same host and port) or a trusted origin, or
//   - it has no Origin header but carries `X-Requested-With` (a custom header, which a cross-origin
//     page cannot add without a CORS preflight the hub never grants) or `Sec-Fetch-Site: same-origin`.
// Bearer-token requests are not subject to it: a token is never sent by a browser on its own.

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface WriteOriginHeaders {
  origin: string | undefined;
  requestedWith: string | undefined;
  fetchSite: string | undefined;
}

export function isSameOriginWrite(
  h: WriteOriginHeaders,
  requestUrl: string,
  trustedOrigins: readonly string[],
): boolean {
  if (h.origin !== undefined) return originMatches(h.origin, requestUrl, trustedOrigins);
  return h.requestedWith !== undefined || h.fetchSite === 'same-origin';
}

/** True when `origin` is the request's own host, or one of `trustedOrigins`. `null` (opaque) never is. */
export function originMatches(
  origin: string,
  requestUrl: string,
  trustedOrigins: readonly string[],
): boolean {
  if (trustedOrigins.includes(origin)) return true;
  try {
    // Host only, not scheme: a TLS-terminating proxy makes the hub see http:// for an https:// page.
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}
