#!/usr/bin/env node
// Times one inference of each prepared model on onnxruntime-node and on tfjs-wasm (the reference
// backend) and prints JSON. Run after prepare: node models/scripts/bench.mjs [--runs 20] [--model nanodet-g]
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnnxRunner, createTfjsRunner } from './model-runners.mjs';
import { gradientImage } from './sample-inputs.mjs';
import { readTfjsModel } from './tfjs-graph-to-onnx.mjs';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generatedDir = path.join(modelsDir, 'generated');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Median wall time of `runs` calls after two warm-up calls. */
async function medianMs(runs, call) {
  await call();
  await call();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(runs / 2)].toFixed(1));
}

async function benchModel(model, runs) {
  const onnxFile = path.join(generatedDir, model.generated.find((g) => g.kind === 'onnx').path);
  const tfjsJson = model.generated.find((g) => g.kind === 'copy' && g.from === model.conversion.graph);
  const { name, shape } = model.input;
  const data = gradientImage(shape);

  const onnxMs = {};
  for (const threads of [1, availableParallelism()]) {
    const onnx = await createOnnxRunner(onnxFile, { intraOpNumThreads: threads });
    onnxMs[`${threads}thread`] = await medianMs(runs, () => onnx.run({ [name]: { data, shape } }));
    await onnx.release();
  }

  const tfjs = await createTfjsRunner(await readTfjsModel(path.join(generatedDir, tfjsJson.path)));
  const tfjsMs = await medianMs(runs, () => tfjs.run(data, shape));
  tfjs.dispose();

  return {
    model: model.id,
    input: shape.join('x'),
    runs,
    cpus: availableParallelism(),
    onnxruntimeNodeMedianMs: onnxMs,
    tfjsWasmMedianMs: tfjsMs, // single-threaded: Node gives tfjs-wasm no worker threads
    speedup: Number((tfjsMs / Math.min(...Object.values(onnxMs))).toFixed(1)),
  };
}

const manifest = JSON.parse(await readFile(path.join(modelsDir, 'manifest.json'), 'utf8'));
const only = option('model', undefined);
const runs = Number(option('runs', '20'));
const results = [];
for (const model of manifest.models.filter((m) => !only || m.id === only))
  results.push(await benchModel(model, runs));
console.log(JSON.stringify(results, null, 2));
