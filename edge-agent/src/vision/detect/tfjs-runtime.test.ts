import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localModelHandler, useWasmBackend, withoutNetwork } from './tfjs-runtime.js';

/** A two-node graph model, y = x + w, with w in a weight shard. */
const tinyModel = {
  format: 'graph-model',
  generatedBy: 'hand',
  convertedBy: null,
  modelTopology: {
    node: [
      {
        name: 'x',
        op: 'Placeholder',
        attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '1' }, { size: '2' }] } } },
      },
      {
        name: 'w',
        op: 'Const',
        attr: {
          dtype: { type: 'DT_FLOAT' },
          value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }] } } },
        },
      },
      { name: 'y', op: 'AddV2', input: ['x', 'w'], attr: { T: { type: 'DT_FLOAT' } } },
      { name: 'Identity', op: 'Identity', input: ['y'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    versions: { producer: 1 },
    library: {},
  },
  weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }],
};

let dir: string;
let fetchCalls: string[];
let realFetch: typeof fetch;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tfjs-runtime-'));
  realFetch = globalThis.fetch;
  fetchCalls = [];
  globalThis.fetch = (async (input: unknown) => {
    fetchCalls.push(String(input));
    throw new Error('test: no network');
  }) as typeof fetch;
});

afterEach(async () => {
  globalThis.fetch = realFetch;
  await rm(dir, { recursive: true, force: true });
});

describe('localModelHandler', () => {
  it('loads a graph model and its weights from disk and runs it on the WASM backend, offline', async () => {
    await writeFile(join(dir, 'model.json'), JSON.stringify(tinyModel));
    await writeFile(join(dir, 'w.bin'), new Uint8Array(new Float32Array([10, 20]).buffer));
    await useWasmBackend();
    expect(tf.getBackend()).toBe('wasm');
    const model = await loadGraphModel(localModelHandler(join(dir, 'model.json')));
    const y = model.execute(tf.tensor2d([[1, 2]])) as tf.Tensor;
    expect([...(await y.data())]).toEqual([11, 22]);
    model.dispose();
    expect(fetchCalls).toEqual([]);
  });

  it('names a missing model.json', async () => {
    const path = join(dir, 'model.json');
    await expect(localModelHandler(path).load!()).rejects.toThrow(`cannot read TFJS model ${path}`);
  });

  it('names a missing weight shard and the model listing it', async () => {
    await writeFile(join(dir, 'model.json'), JSON.stringify(tinyModel));
    await expect(localModelHandler(join(dir, 'model.json')).load!()).rejects.toThrow(
      `cannot read weight shard ${join(dir, 'w.bin')} listed in ${join(dir, 'model.json')}`,
    );
  });

  it('rejects JSON that is not a TFJS model', async () => {
    await writeFile(join(dir, 'model.json'), '{"hello": 1}');
    await expect(localModelHandler(join(dir, 'model.json')).load!()).rejects.toThrow(/is not a TFJS model/);
  });
});

describe('withoutNetwork', () => {
  it('makes fetch fail inside, reports the attempt, and restores fetch afterwards', async () => {
    const before = globalThis.fetch;
    await expect(
      withoutNetwork('loader', async () => {
        await fetch('https://example.invalid/model.json').catch(() => undefined);
        return 1;
      }),
    ).rejects.toThrow('loader: tried the network (https://example.invalid/model.json)');
    expect(globalThis.fetch).toBe(before);
    expect(fetchCalls).toEqual([]);
    await expect(withoutNetwork('loader', async () => 42)).resolves.toBe(42);
  });

  it('blames the network when a loader fails after trying it', async () => {
    await expect(
      withoutNetwork('loader', async () => {
        await fetch('https://example.invalid/w.bin');
      }),
    ).rejects.toThrow(
      'loader: tried the network (https://example.invalid/w.bin): loader: network access is disabled (tried https://example.invalid/w.bin)',
    );
  });
});
