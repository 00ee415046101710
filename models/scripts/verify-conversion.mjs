// Numerical check of a conversion: the TFJS original and the ONNX result run on the same deterministic
// inputs, and every output must agree within a tolerance.
import { createOnnxRunner, createTfjsRunner } from './model-runners.mjs';
import { sampleInputs } from './sample-inputs.mjs';

/** Largest |a - b|; a NaN on one side only, or a length mismatch, counts as infinitely different. */
export function maxAbsDiff(a, b) {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) {
      if (!(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return Number.POSITIVE_INFINITY;
    } else if (d > worst) worst = d;
  }
  return worst;
}

function maxAbs(values) {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * @param {{
 *   tfjsModel: { modelJson: object, weightData: Uint8Array },
 *   onnxModel: Uint8Array | string,
 *   inputName: string,             // the ONNX input; the TFJS graph has exactly one input
 *   inputShape: number[],
 *   outputs: Array<{ name: string, tfjsName: string }>,
 *   tolerance: number,
 * }} options
 * @returns {Promise<{ ok: boolean, outputs: Array<{ name: string, tfjsName: string, maxAbsDiff: number, maxAbsReference: number }> }>}
 */
export async function verifyConversion({ tfjsModel, onnxModel, inputName, inputShape, outputs, tolerance }) {
  const tfjs = await createTfjsRunner(tfjsModel);
  const onnx = await createOnnxRunner(onnxModel);
  const worst = new Map(outputs.map((o) => [o.name, 0]));
  const largest = new Map(outputs.map((o) => [o.name, 0])); // scale of the reference, to read the diff against
  try {
    for (const { data } of sampleInputs(inputShape)) {
      const expected = await tfjs.run(
        data,
        inputShape,
        outputs.map((o) => o.tfjsName),
      );
      const actual = await onnx.run({ [inputName]: { data, shape: inputShape } });
      for (const { name, tfjsName } of outputs) {
        if (!expected.has(tfjsName)) throw new Error(`verify: the TFJS graph has no output '${tfjsName}'`);
        if (!actual.has(name)) throw new Error(`verify: the ONNX model has no output '${name}'`);
        worst.set(name, Math.max(worst.get(name), maxAbsDiff(expected.get(tfjsName), actual.get(name))));
        largest.set(name, Math.max(largest.get(name), maxAbs(expected.get(tfjsName))));
      }
    }
  } finally {
    tfjs.dispose();
    await onnx.release();
  }
  const report = outputs.map((o) => ({
    ...o,
    maxAbsDiff: worst.get(o.name),
    maxAbsReference: largest.get(o.name),
  }));
  return { ok: report.every((o) => o.maxAbsDiff <= tolerance), outputs: report };
}
