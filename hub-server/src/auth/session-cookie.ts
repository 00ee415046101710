// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax, Path=/, and when served over
// HTTPS `Secure` with the `__Host-` prefix (which browsers only accept from a secure origin, without
// a Domain, so a sibling subdomain cannot plant or overwrite it).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'hub_session';

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return secure ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, sessionId: string, maxAgeMs: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
    ...(secure && { secure: true, prefix: 'host' as const }),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    ...(secure && { secure: true, prefix: 'host' as const }),
  });
}
