// MJPEG over HTTP(S) (multipart/x-mixed-replace, what most IP cameras and ESP32-CAMs serve): one GET per
// session, parts become encoded frames. Any error, a silent connection or the server closing the stream
// is a failure: the supervisor reconnects with backoff. Credentials in the URL are used, never logged.
import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../../logger.js';
import type { RetryPolicy } from '../../outbox/backoff.js';
import type { Clock, FrameSource, Sleep } from './frame-source.js';
import { boundaryOf, DEFAULT_MAX_PART_BYTES, MjpegParser } from './mjpeg-parser.js';
import { type SessionContext, SupervisedSource } from './supervised-source.js';

export interface MjpegSourceOptions {
  /** http:// or https://, optionally with user:password@ (sent as Basic auth). */
  url: string;
  /** A part larger than this fails the connection with a clear error; default 8 MiB. */
  maxPartBytes?: number;
  /** No bytes for this long counts as a dead camera; default 10 s. */
  stallTimeoutMs?: number;
  /** Consecutive failed connections before 'dead'; unlimited by default. */
  maxRetries?: number;
  retry?: RetryPolicy;
  now: Clock;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

export function createMjpegSource(o: MjpegSourceOptions): FrameSource {
  const url = new URL(o.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`MJPEG source: expected an http:// or https:// URL, got ${redactUrl(url)}`);
  return new SupervisedSource({
    description: redactUrl(url),
    session: (ctx) => runMjpegSession(ctx, url, o),
    now: o.now,
    sleep: o.sleep,
    random: o.random,
    retry: o.retry,
    maxRetries: o.maxRetries,
    logger: o.logger,
  });
}

/** The URL as it may appear in logs and stats: any password replaced. */
export function redactUrl(url: URL): string {
  if (!url.password) return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

function runMjpegSession(ctx: SessionContext, url: URL, o: MjpegSourceOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const where = redactUrl(url);
    const stallMs = o.stallTimeoutMs ?? 10_000;
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      req.destroy();
      if (err && !ctx.signal.aborted) reject(err);
      else resolve();
    };
    const onAbort = () => settle();
    const get = url.protocol === 'https:' ? https.get : http.get;
    // A fresh connection per session (no keep-alive pool): a half-dead socket must not be reused.
    const req = get(url, { agent: false, headers: { accept: 'multipart/x-mixed-replace, */*' } });
    req.setTimeout(stallMs, () => settle(new Error(`no data from ${where} for ${stallMs / 1000} s`)));
    req.on('error', (err) => settle(new Error(`${where}: ${err.message}`)));
    req.on('response', (res) => {
      const type = res.headers['content-type'] ?? '';
      if (res.statusCode !== 200) {
        return settle(
          new Error(`${where} answered HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim()),
        );
      }
      if (!/^multipart\//i.test(type)) {
        return settle(
          new Error(`${where} sent ${type || 'no Content-Type'}, expected multipart/x-mixed-replace`),
        );
      }
      const parser = new MjpegParser({
        boundary: boundaryOf(type),
        maxPartBytes: o.maxPartBytes ?? DEFAULT_MAX_PART_BYTES,
      });
      res.on('data', (chunk: Buffer) => {
        const { parts, error } = parser.push(chunk);
        for (const data of parts) ctx.emit({ kind: 'encoded', data });
        if (error !== undefined) settle(new Error(`${where}: ${error}`));
      });
      res.on('end', () => settle(new Error(`${where} closed the stream`)));
      res.on('error', (err) => settle(new Error(`${where}: ${err.message}`)));
      // A connection cut without a clean end or an error event must still fail the session.
      res.on('close', () => settle(new Error(`${where} closed the connection`)));
    });
    if (ctx.signal.aborted) settle();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
}
