// Connected regions of a binary mask (8-connectivity) with the statistics the box stage needs. Classic
// two-pass labelling with union-find over provisional labels.

export interface Blob {
  /** 1-based label in `Components.labels`. */
  label: number;
  /** Pixel count. */
  area: number;
  /** Inclusive pixel bounds. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Centroid, pixels. */
  cx: number;
  cy: number;
}

export interface Components {
  /** Per pixel: 0 for background, else the label of its blob. */
  labels: Int32Array;
  /** Blobs of at least the requested area, in raster order of their first pixel. */
  blobs: Blob[];
}

/** Labels the non-zero pixels of `mask`; blobs smaller than `minArea` are dropped and their pixels set to 0. */
export function connectedComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  minArea = 1,
): Components {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (label: number): number => {
    let root = label;
    while (parent[root]! !== root) root = parent[root]!;
    while (parent[label]! !== root) {
      const next = parent[label]!;
      parent[label] = root;
      label = next;
    }
    return root;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent[high] = low;
    return low;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      let label = 0;
      // Already visited neighbours: west, north-west, north, north-east.
      const neighbours = [
        x > 0 ? labels[i - 1]! : 0,
        x > 0 && y > 0 ? labels[i - width - 1]! : 0,
        y > 0 ? labels[i - width]! : 0,
        x + 1 < width && y > 0 ? labels[i - width + 1]! : 0,
      ];
      for (const neighbour of neighbours) {
        if (neighbour === 0) continue;
        label = label === 0 ? find(neighbour) : union(label, neighbour);
      }
      if (label === 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  return collectBlobs(labels, width, height, parent.length, find, minArea);
}

function collectBlobs(
  labels: Int32Array,
  width: number,
  height: number,
  provisional: number,
  find: (label: number) => number,
  minArea: number,
): Components {
  // Final labels are dense 1..n in raster order of each blob's first pixel.
  const final = new Int32Array(provisional);
  const stats: {
    area: number;
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
    sx: number;
    sy: number;
  }[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const provisionalLabel = labels[i]!;
      if (provisionalLabel === 0) continue;
      const root = find(provisionalLabel);
      let label = final[root]!;
      if (label === 0) {
        stats.push({ area: 0, minX: x, minY: y, maxX: x, maxY: y, sx: 0, sy: 0 });
        label = stats.length;
        final[root] = label;
      }
      labels[i] = label;
      const blob = stats[label - 1]!;
      blob.area++;
      blob.sx += x;
      blob.sy += y;
      if (x < blob.minX) blob.minX = x;
      if (x > blob.maxX) blob.maxX = x;
      if (y > blob.maxY) blob.maxY = y;
    }
  }
  // Renumber the kept blobs 1..k so labels stay dense after small ones are dropped.
  const renumber = new Int32Array(stats.length + 1);
  const blobs: Blob[] = [];
  stats.forEach((s, index) => {
    if (s.area < minArea) return;
    const label = blobs.length + 1;
    renumber[index + 1] = label;
    const { area, minX, minY, maxX, maxY } = s;
    blobs.push({ label, area, minX, minY, maxX, maxY, cx: s.sx / area, cy: s.sy / area });
  });
  for (let i = 0; i < labels.length; i++) labels[i] = renumber[labels[i]!]!;
  return { labels, blobs };
}
