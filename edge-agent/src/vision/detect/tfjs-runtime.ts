// TensorFlow.js for Node without tfjs-node: the WASM backend, its .wasm binaries read from the
// installed package (never fetched), and graph models read from local files.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

let ready: Promise<void> | undefined;

/** Select the WASM backend once per process (the tfjs backend is global state). */
export function useWasmBackend(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs WASM backend failed to initialise');
    await tf.ready();
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: tf.io.ModelArtifacts['signature'];
  userDefinedMetadata?: tf.io.ModelArtifacts['userDefinedMetadata'];
}

/** An IOHandler reading a TFJS `model.json` and its weight shards (paths relative to it) from disk.
 * Errors name the file that is missing or unreadable. */
export function localModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = await readModelJson(modelJsonPath);
      if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
        throw new Error(`${modelJsonPath} is not a TFJS model (no modelTopology/weightsManifest)`);
      }
      const dir = dirname(modelJsonPath);
      const shards: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        for (const p of group.paths) shards.push(await readShard(join(dir, p), modelJsonPath));
      }
      const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
      let offset = 0;
      for (const s of shards) {
        weightData.set(s, offset);
        offset += s.byteLength;
      }
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: weightData.buffer,
        ...(json.format !== undefined && { format: json.format }),
        ...(json.generatedBy !== undefined && { generatedBy: json.generatedBy }),
        ...(json.convertedBy !== undefined && { convertedBy: json.convertedBy }),
        ...(json.signature !== undefined && { signature: json.signature }),
        ...(json.userDefinedMetadata !== undefined && { userDefinedMetadata: json.userDefinedMetadata }),
      };
    },
  };
}

async function readModelJson(path: string): Promise<ModelJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read TFJS model ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as ModelJson;
  } catch (e) {
    throw new Error(`${path} is not JSON: ${(e as Error).message}`);
  }
}

async function readShard(path: string, modelJsonPath: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`cannot read weight shard ${path} listed in ${modelJsonPath}: ${(e as Error).message}`);
  }
}

/**
 * Run `load` with `fetch` made to throw, so a library that would reach for the network (coco-ssd's
 * default model URL, a relative shard path resolved as a URL) fails loudly instead. Meant for start-up:
 * other code fetching at the same moment would fail too.
 */
export async function withoutNetwork<T>(what: string, load: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  const attempts: string[] = [];
  globalThis.fetch = ((input: unknown) => {
    const url = input instanceof Request ? input.url : String(input);
    attempts.push(url);
    return Promise.reject(new Error(`${what}: network access is disabled (tried ${url})`));
  }) as typeof fetch;
  const tried = () => `${what}: tried the network (${attempts.join(', ')})`;
  let result: T;
  try {
    result = await load();
  } catch (e) {
    throw attempts.length > 0 ? new Error(`${tried()}: ${(e as Error).message}`) : e;
  } finally {
    globalThis.fetch = original;
  }
  if (attempts.length > 0) throw new Error(tried());
  return result;
}
