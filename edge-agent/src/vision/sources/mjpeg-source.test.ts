import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@retail/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameSource } from './frame-source.js';
import { createMjpegSource, type MjpegSourceOptions } from './mjpeg-source.js';
import { bytesOf } from './source-test-kit.js';

const fastRetry = { initialMs: 20, maxMs: 50, jitter: 0 };
const text = (data: Uint8Array | undefined) => Buffer.from(data ?? []).toString('latin1');

/** An HTTP server on `port` (0 = any free one) whose handler writes the response. */
async function serve(handler: http.RequestListener, port = 0) {
  const server = http.createServer(handler);
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
  cleanups.push(close);
  return { port: (server.address() as AddressInfo).port, close };
}

/** Writes a multipart part; half of them without Content-Length, as some cameras do. */
function writePart(res: http.ServerResponse, body: string, withLength: boolean): void {
  const length = withLength ? `Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n` : '';
  res.write(`--frame\r\nContent-Type: image/jpeg\r\n${length}\r\n`);
  res.write(Buffer.from(body, 'latin1'));
  res.write('\r\n');
}

const streamHead = { 'Content-Type': 'multipart/x-mixed-replace; boundary=frame' };

const cleanups: Array<() => Promise<void>> = [];
const sources: FrameSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  await Promise.allSettled(cleanups.splice(0).map((c) => c()));
});

function source(options: Partial<MjpegSourceOptions> & { url: string }): FrameSource {
  const s = createMjpegSource({ now: () => 42, retry: fastRetry, ...options });
  sources.push(s);
  return s;
}

describe('MJPEG source', () => {
  it('turns a multipart stream into encoded frames, keeping the latest for a slow consumer', async () => {
    let auth: string | undefined;
    const { port } = await serve((req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, streamHead);
      for (let i = 0; i < 5; i++) writePart(res, `\xff\xd8jpeg ${i}\xff\xd9`, i % 2 === 0);
      // The stream stays open, as a camera's does.
    });
    const s = source({ url: `http://user:secret@127.0.0.1:${port}/video.mjpg` });
    expect(s.description).not.toContain('secret');
    await s.start();
    await waitFor(
      () => s.stats().received,
      (n) => n === 5,
    );
    const frame = await s.next();
    expect(frame).toMatchObject({ kind: 'encoded', seq: 4, ts: 42 });
    expect(text(bytesOf(frame))).toBe('\xff\xd8jpeg 4\xff\xd9');
    expect(s.stats()).toEqual({ received: 5, delivered: 1, dropped: 4, restarts: 0, state: 'running' });
    expect(auth).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
  });

  it('reconnects with backoff when the server dies, and resumes when it comes back', async () => {
    const first = await serve((_req, res) => {
      res.writeHead(200, streamHead);
      writePart(res, 'from the first server', true);
    });
    const s = source({ url: `http://127.0.0.1:${first.port}/` });
    await s.start();
    expect(text(bytesOf(await s.next()))).toBe('from the first server');
    await first.close();
    const down = await waitFor(
      () => s.stats(),
      (st) => st.restarts >= 2 && /ECONNREFUSED/.test(st.lastError ?? ''),
    );
    expect(down.state).toBe('retrying');

    await serve((_req, res) => {
      res.writeHead(200, streamHead);
      writePart(res, 'from the second server', false);
      writePart(res, 'closing the part above', true);
    }, first.port);
    await waitFor(
      () => s.stats(),
      (st) => st.state === 'running',
    );
    const frame = await waitFor(
      () => s.next(),
      (f) => text(bytesOf(f)) === 'closing the part above',
    );
    expect(frame.seq).toBeGreaterThan(1);
  });

  it.each([
    ['an HTTP error', (res: http.ServerResponse) => res.writeHead(404).end(), /answered HTTP 404 Not Found/],
    [
      'a single JPEG instead of a stream',
      (res: http.ServerResponse) => res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end('x'),
      /sent image\/jpeg, expected multipart\/x-mixed-replace/,
    ],
    [
      'a part over the size cap',
      (res: http.ServerResponse) =>
        res.writeHead(200, streamHead).write('--frame\r\nContent-Length: 5000\r\n\r\n'),
      /5000 bytes .*exceeds the limit of 1000 bytes/,
    ],
    [
      'a silent camera',
      (res: http.ServerResponse) => res.writeHead(200, streamHead).flushHeaders(),
      /no data .* for 0.2 s/,
    ],
    [
      'a stream that ends',
      (res: http.ServerResponse) => res.writeHead(200, streamHead).end(),
      /closed the stream/,
    ],
  ])('reports %s, retries, then is dead after maxRetries', async (_what, respond, error) => {
    let requests = 0;
    const { port } = await serve((_req, res) => {
      requests++;
      respond(res);
    });
    const s = source({
      url: `http://127.0.0.1:${port}/`,
      maxRetries: 1,
      maxPartBytes: 1000,
      stallTimeoutMs: 200,
    });
    await s.start();
    expect(await s.next()).toBeNull();
    expect(s.stats()).toMatchObject({ state: 'dead', restarts: 1, received: 0 });
    expect(s.stats().lastError).toMatch(error);
    expect(requests).toBe(2);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => createMjpegSource({ url: 'rtsp://cam/stream', now: () => 0 })).toThrow(
      /http:\/\/ or https:\/\//,
    );
  });
});
