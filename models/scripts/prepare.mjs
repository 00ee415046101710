#!/usr/bin/env node
// Prepares the detector models listed in models/manifest.json at install time (root `postinstall`):
// fetch the source package files, check their sha256, convert the TFJS graph to ONNX, verify the ONNX
// against the TFJS original numerically, and write everything to models/generated/.
// Idempotent: a model whose generated files already match the manifest is skipped.
//
//   node models/scripts/prepare.mjs [--force] [--update-manifest]
//   --force, MODELS_PREPARE_FORCE=1   re-convert and re-verify even when up to date (the package files
//                                     are re-fetched only if models/cache/ lacks them or they fail sha256)
//   --update-manifest                 accept a changed converter output and record its new sha256
//   MODELS_PREPARE_SKIP=1             do nothing (installs that will never run a detector, e.g. hub-only CI)
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exists, fileDigest, packageFiles } from './package-files.mjs';
import { convertTfjsGraphToOnnx, readTfjsModel } from './tfjs-graph-to-onnx.mjs';
import { verifyConversion } from './verify-conversion.mjs';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(modelsDir, 'manifest.json');
const cacheDir = path.join(modelsDir, 'cache');
const generatedDir = path.join(modelsDir, 'generated');

const args = new Set(process.argv.slice(2));
const force = args.has('--force') || process.env.MODELS_PREPARE_FORCE === '1';
const updateManifest = args.has('--update-manifest');
const log = (line) => console.log(`[models] ${line}`);

async function main() {
  if (process.env.MODELS_PREPARE_SKIP === '1') {
    log('MODELS_PREPARE_SKIP=1: not preparing models (the edge detector will not find them)');
    return;
  }
  const started = performance.now();
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  for (const model of manifest.models) await prepareModel(model);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The sha256 each generated file must have: copies inherit their source file's. */
function expectedGenerated(model) {
  const sources = new Map(model.source.files.map((f) => [f.path, f]));
  return model.generated.map((g) => {
    if (g.kind === 'onnx') return g;
    const source = sources.get(g.from);
    if (!source)
      throw new Error(`${model.id}: generated ${g.path} copies ${g.from}, which source.files lacks`);
    return { ...g, sha256: source.sha256 };
  });
}

async function upToDate(files) {
  for (const f of files) {
    const file = path.join(generatedDir, f.path);
    if (!(await exists(file)) || (await fileDigest(file)) !== f.sha256) return false;
  }
  return true;
}

async function prepareModel(model) {
  const generated = expectedGenerated(model);
  if (!force && (await upToDate(generated))) {
    log(`${model.id}: up to date (${generated.map((g) => g.path).join(', ')})`);
    return;
  }
  const { npm: name, version, tarballIntegrity: integrity, files } = model.source;
  const sourceDir = await packageFiles({ name, version, integrity, files, cacheDir, log });

  await mkdir(generatedDir, { recursive: true });
  for (const g of generated.filter((g) => g.kind === 'copy')) {
    await writeAtomically(path.join(generatedDir, g.path), (tmp) =>
      copyFile(path.join(sourceDir, g.from), tmp),
    );
  }

  const conversion = model.conversion;
  const tfjsModel = await readTfjsModel(path.join(sourceDir, conversion.graph));
  let t = performance.now();
  const { bytes, graph } = convertTfjsGraphToOnnx({
    ...tfjsModel,
    inputNames: conversion.inputNames,
    outputNames: conversion.outputNames,
    opset: conversion.opset,
    graphName: model.id,
    docString: model.description,
    metadata: { source: `${name}@${version}/${conversion.graph}`, licence: model.licence.model },
  });
  log(
    `${model.id}: converted to ONNX opset ${conversion.opset} in ${ms(t)}: ${graph.nodes.length} nodes, ` +
      `${(bytes.length / 1e6).toFixed(1)} MB`,
  );

  t = performance.now();
  const input = graph.inputs[0];
  const verdict = await verifyConversion({
    tfjsModel,
    onnxModel: bytes,
    inputName: input.name,
    inputShape: input.shape,
    outputs: graph.outputs.map(({ name, tfjsName }) => ({ name, tfjsName })),
    tolerance: conversion.tolerance,
  });
  const diffs = verdict.outputs.map((o) => `${o.name} ${o.maxAbsDiff.toExponential(1)}`).join(', ');
  if (!verdict.ok) {
    throw new Error(
      `${model.id}: the ONNX model disagrees with the TFJS original beyond ${conversion.tolerance} ` +
        `(max abs diff per output: ${diffs}); not writing it`,
    );
  }
  log(`${model.id}: verified against tfjs-wasm in ${ms(t)}, max abs diff ${diffs}`);

  const onnx = generated.find((g) => g.kind === 'onnx');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== onnx.sha256) {
    if (!updateManifest) {
      throw new Error(
        `${model.id}: the converter produced ${onnx.path} with sha256 ${sha256}, but the manifest expects ` +
          `${onnx.sha256}. It verified numerically, so if the converter changed on purpose, record the new ` +
          'digest with: node models/scripts/prepare.mjs --update-manifest',
      );
    }
    await recordDigest(onnx.sha256, sha256);
    log(`${model.id}: recorded the new ${onnx.path} sha256 ${sha256} in models/manifest.json`);
  }
  await writeAtomically(path.join(generatedDir, onnx.path), (tmp) => writeFile(tmp, bytes));
  log(`${model.id}: wrote ${generated.map((g) => `generated/${g.path}`).join(', ')}`);
}

/** Replaces one recorded digest in manifest.json in place, so the file keeps its formatting. */
async function recordDigest(from, to) {
  const text = await readFile(manifestPath, 'utf8');
  if (text.split(`"${from}"`).length !== 2)
    throw new Error(`manifest: digest ${from} is not unique; edit it by hand`);
  await writeFile(manifestPath, text.replace(`"${from}"`, `"${to}"`));
}

/** Writes through a temporary file and a rename, so an interrupted install never leaves half a file. */
async function writeAtomically(target, write) {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await write(tmp);
  await rename(tmp, target);
}

const ms = (since) => `${Math.round(performance.now() - since)} ms`;

main().catch((error) => {
  console.error(`[models] prepare failed: ${error.message}`);
  process.exit(1);
});
