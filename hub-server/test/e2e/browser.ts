// Chromium through playwright-core for the dashboard tests: Debian's /usr/bin/chromium, headless,
// one context per user, every console error and page error collected, screenshots as artifacts.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

export interface UserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and failed requests, in order. */
  errors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  baseUrl: string;
  username: string;
  password: string;
  viewport: { width: number; height: number };
  /** The browser's clock is held here, so "today" is the day the test's windows were ingested. */
  now: number;
  touch?: boolean;
}

export async function signIn(browser: Browser, o: SessionOptions): Promise<UserSession> {
  const context = await browser.newContext({
    viewport: o.viewport,
    hasTouch: o.touch ?? false,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A live stream cut when its page is left or closed is expected, not a failure.
    if (!r.url().endsWith('/live')) errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  await page.clock.setFixedTime(o.now);
  await page.goto(o.baseUrl);
  await page.getByLabel('User name').fill(o.username);
  await page.getByLabel('Password').fill(o.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.top:not([hidden])').waitFor();
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    errors,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

/** Pixels of the heatmap canvas that are not fully transparent. */
export function paintedPixels(page: Page, selector = 'canvas.heat'): Promise<number> {
  // Runs in the page; typed structurally since the tests are compiled without the DOM library.
  type Canvas = {
    width: number;
    height: number;
    getContext(kind: '2d'): {
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
  return page.$eval(selector, (el) => {
    const canvas = el as unknown as Canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

/** Pairs of `selector` elements (SVG text) whose boxes overlap, by their text; [] when none do. */
export async function overlappingLabels(page: Page, selector = '.zone-label'): Promise<[string, string][]> {
  type Label = {
    textContent: string | null;
    getBBox(): { x: number; y: number; width: number; height: number };
  };
  const boxes = await page.$$eval(selector, (els) =>
    els.map((el) => {
      const label = el as unknown as Label;
      const b = label.getBBox();
      return { text: label.textContent ?? '', x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    }),
  );
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) pairs.push([a.text, b.text]);
    }
  return pairs;
}
