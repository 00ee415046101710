// /api/v1/stores/{storeId}/live — Server-Sent Events: one `window` event per message ingest has
// just stored for the store (what changed, not the figures), and a comment every 20 s so proxies
// keep the connection open. Browsers reconnect on their own (EventSource).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import type { LiveEvent } from '../live-feed.js';
import { storeIdParam } from '../validation.js';

const HEARTBEAT_MS = 20_000;

const liveDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/live',
  summary: 'Live updates (SSE): an event per stored window of the store',
  tag: 'live',
  access: ALL_ROLES,
  responseType: 'text/event-stream',
  errors: [503],
} satisfies RouteDoc;

export const liveDocs: RouteDoc[] = [liveDoc];

export function liveRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(liveDoc), (c) => {
    const storeId = storeIdParam(c);
    const feed = d.live;
    if (!feed) throw new HTTPException(503, { message: 'live updates are not available on this hub' });
    return streamSSE(c, async (stream) => {
      // Events queue up while a write is in flight; the loop drains them in order.
      const queue: (LiveEvent | 'ping')[] = [];
      let wake: (() => void) | undefined;
      const push = (item: LiveEvent | 'ping') => {
        queue.push(item);
        wake?.();
      };
      let closed = false;
      const end = () => {
        closed = true;
        wake?.();
      };
      stream.onAbort(end);
      const unsubscribe = feed.subscribe(storeId, push, end);
      const heartbeat = setInterval(() => push('ping'), HEARTBEAT_MS);
      let id = 0;
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ storeId }), retry: 3000 });
        while (!closed) {
          if (queue.length === 0) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          for (const item of queue.splice(0)) {
            if (item === 'ping') await stream.write(': keep-alive\n\n');
            else await stream.writeSSE({ event: 'window', id: String(++id), data: JSON.stringify(item) });
          }
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
}
