// No COCO-SSD weights exist on this machine (the package fetches them from a web host), so these tests
// cover what can be tested honestly: the folder is required, failures name it, and nothing is fetched.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCocoSsdDetector } from './coco-ssd-detector.js';

let dir: string;
let fetchCalls: string[];
let realFetch: typeof fetch;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coco-ssd-'));
  realFetch = globalThis.fetch;
  fetchCalls = [];
  globalThis.fetch = (async (input: unknown) => {
    fetchCalls.push(String(input));
    throw new Error('test: no network');
  }) as typeof fetch;
});

/** The load error, checked not to come from a network attempt. */
async function loadError(options: Parameters<typeof createCocoSsdDetector>[0]): Promise<string> {
  const error = await createCocoSsdDetector(options).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error!.message).not.toMatch(/network/);
  expect(fetchCalls).toEqual([]);
  return error!.message;
}

afterEach(async () => {
  globalThis.fetch = realFetch;
  await rm(dir, { recursive: true, force: true });
});

describe('createCocoSsdDetector', () => {
  it('requires a weights folder', async () => {
    expect(await loadError({})).toMatch(/needs cocoSsdDir/);
  });

  it('names the folder when it does not exist, without touching the network', async () => {
    const missing = join(dir, 'nowhere');
    expect(await loadError({ cocoSsdDir: missing })).toBe(
      `coco-ssd weights not found: ${join(missing, 'model.json')} does not exist (folder ${missing})`,
    );
  });

  it('names the folder when model.json is not a model, without touching the network', async () => {
    const weights = join(dir, 'weights');
    await mkdir(weights);
    await writeFile(join(weights, 'model.json'), '<html>not found</html>');
    expect(await loadError({ cocoSsdDir: weights })).toContain(
      `coco-ssd failed to load from folder ${weights}`,
    );
  });

  it('names the missing shard, reading it from disk rather than a URL', async () => {
    const weights = join(dir, 'weights');
    await mkdir(weights);
    const manifest = {
      format: 'graph-model',
      modelTopology: { node: [] },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
    };
    await writeFile(join(weights, 'model.json'), JSON.stringify(manifest));
    expect(await loadError({ cocoSsdDir: weights })).toContain(
      `cannot read weight shard ${join(weights, 'group1-shard1of1.bin')}`,
    );
  });
});
