// Deterministic sample inputs for comparing two runtimes of one model: seeded noise (exercises every
// weight) and a smooth gradient image (keeps activations in the range real photographs give).

/** mulberry32: a tiny seeded PRNG with uniform output in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUniform(shape, seed) {
  const next = mulberry32(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = next();
  return data;
}

/** An NCHW image in [0, 1]: a different smooth wave per channel, like a softly lit scene. */
export function gradientImage([n, c, h, w]) {
  const data = new Float32Array(n * c * h * w);
  let i = 0;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const u = x / w;
          const v = y / h;
          data[i++] =
            0.5 + 0.25 * Math.sin(2 * Math.PI * (u * (ch + 1) + v)) + 0.25 * (u - v) * (ch % 2 ? -1 : 1);
        }
      }
    }
  }
  return data;
}

/** The inputs verification runs for an input of `shape`. */
export function sampleInputs(shape) {
  return [
    { label: 'seeded-uniform(42)', data: seededUniform(shape, 42) },
    { label: 'gradient', data: gradientImage(shape) },
  ];
}
