// The downloader against a real HTTP server on a free port: Basic auth, size limits, timeouts.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBundle } from './bundle-download.js';

const BODY = Buffer.alloc(10_000, 7);
const AUTH = { username: 'store-1.gw-1', password: 'secret' };

describe('downloadBundle', () => {
  let server: http.Server;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'download-'));
    server = http.createServer((req, res) => {
      const expected = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return void res.writeHead(401).end();
      if (req.url === '/ok') return void res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
      if (req.url === '/chunked') {
        res.writeHead(200); // no Content-Length: the limit is enforced while streaming
        for (let i = 0; i < 10; i++) res.write(BODY);
        return void res.end();
      }
      if (req.url === '/stall') return void res.writeHead(200).write('x'); // never ends
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (url: string, o: { maxBytes?: number; timeoutMs?: number; auth?: typeof AUTH } = {}) =>
    downloadBundle({
      url: `${base}${url}`,
      file: path.join(dir, 'bundle.tar.gz'),
      maxBytes: o.maxBytes ?? 1_000_000,
      timeoutMs: o.timeoutMs ?? 5000,
      auth: o.auth ?? AUTH,
    });

  it('downloads with Basic auth into the file', async () => {
    expect(await get('/ok')).toBe(BODY.length);
    expect((await readFile(path.join(dir, 'bundle.tar.gz'))).equals(BODY)).toBe(true);
  });

  it('says why it failed, and leaves no partial file', async () => {
    await expect(get('/ok', { auth: { ...AUTH, password: 'wrong' } })).rejects.toThrow(/HTTP 401/);
    await expect(get('/missing')).rejects.toThrow(/HTTP 404/);
    await expect(get('/ok', { maxBytes: 100 })).rejects.toThrow(/10000 bytes, more than the limit of 100/);
    await expect(get('/chunked', { maxBytes: 50_000 })).rejects.toThrow(/exceeds the limit of 50000/);
    await expect(get('/stall', { timeoutMs: 200 })).rejects.toThrow(/no complete answer within 200 ms/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
