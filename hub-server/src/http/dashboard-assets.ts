// Serves the dashboard: a single page of plain ES modules and CSS from src/dashboard (no build
// step), and ECharts' own ES module build from node_modules. Nothing is fetched from elsewhere:
// the Content-Security-Policy allows this origin only.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts positions its tooltip with inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** src/dashboard, whether this module runs from src/http (tests) or dist/src/http (the build). */
export function dashboardDir(moduleUrl: string = import.meta.url): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  const candidates = [path.join(here, '../dashboard'), path.join(here, '../../../src/dashboard')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`dashboard files not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function echartsFile(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('echarts/package.json')), 'dist/echarts.esm.min.mjs');
}

export function dashboardRoutes(dir: string = dashboardDir()): Hono {
  const app = new Hono();
  const send = async (file: string, cache: string) => {
    const type = TYPES[path.extname(file)];
    const body = type ? await readFile(file).catch(() => undefined) : undefined;
    if (!type || !body) return undefined;
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    };
    if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
    return new Response(new Uint8Array(body), { headers });
  };

  app.get('/', async (c) => (await send(path.join(dir, 'index.html'), 'no-cache')) ?? c.notFound());
  app.get('/vendor/echarts.js', async (c) => (await send(echartsFile(), 'max-age=86400')) ?? c.notFound());
  app.get('/app/*', async (c) => {
    const rel = c.req.path.slice('/app/'.length);
    // Plain names only: no "..", no hidden files, nothing outside the dashboard folder.
    if (!/^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:js|css|svg)$/.test(rel)) return c.notFound();
    return (await send(path.join(dir, rel), 'no-cache')) ?? c.notFound();
  });
  return app;
}
