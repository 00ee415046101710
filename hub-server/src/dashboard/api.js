// Calls to the hub's API from the dashboard: same-origin with the session cookie, JSON in and out,
// problem JSON turned into an Error with the problem attached. Writes carry X-Requested-With so the
// hub's CSRF check knows they come from this page.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onSignedOut = () => {};

/** Called when the session has ended (a 401): the app shows the sign-in form again. */
export function whenSignedOut(fn) {
  onSignedOut = fn;
}

export async function api(path, { method = 'GET', body, contentType } = {}) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-requested-with'] = 'fetch';
  let payload;
  if (body !== undefined) {
    headers['content-type'] = contentType ?? 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return undefined;
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/v1/auth/login')) onSignedOut();
    throw new ApiError(res.status, data);
  }
  return data;
}

export const storePath = (storeId, rest = '') => `/api/v1/stores/${encodeURIComponent(storeId)}${rest}`;

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}
