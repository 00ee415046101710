// Fetches a bundle over HTTP(S) into a file: a size limit (checked against Content-Length and again
// while streaming), an overall timeout, and HTTP Basic with the gateway's MQTT credentials.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface DownloadOptions {
  url: string;
  file: string;
  maxBytes: number;
  timeoutMs: number;
  auth?: { username: string; password: string };
}

export class DownloadError extends Error {}

/** Writes to `<file>.part` and renames on success; returns the byte count. Nothing is left on failure. */
export async function downloadBundle(o: DownloadOptions): Promise<number> {
  const part = `${o.file}.part`;
  const headers: Record<string, string> = {};
  if (o.auth)
    headers.authorization = `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64')}`;
  const signal = AbortSignal.timeout(o.timeoutMs);
  const where = new URL(o.url).origin;
  try {
    let res: Response;
    try {
      res = await fetch(o.url, { headers, signal, redirect: 'error' });
    } catch (err) {
      throw new DownloadError(`download from ${where} failed: ${reason(err, o.timeoutMs)}`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new DownloadError(`download from ${where} failed: HTTP ${res.status}`);
    }
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (declared > o.maxBytes) {
      await res.body.cancel();
      throw new DownloadError(`the bundle is ${declared} bytes, more than the limit of ${o.maxBytes}`);
    }
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.byteLength;
        if (bytes > o.maxBytes)
          done(new DownloadError(`the bundle exceeds the limit of ${o.maxBytes} bytes`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as WebReadableStream), limit, createWriteStream(part));
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      throw new DownloadError(`download from ${where} failed: ${reason(err, o.timeoutMs)}`);
    }
    await rename(part, o.file);
    return bytes;
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
}

function reason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: Error };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return `no complete answer within ${timeoutMs} ms`;
  return e.cause?.message ?? e.message;
}
