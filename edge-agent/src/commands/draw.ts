// `edge-agent draw`: what the camera pipeline finds on a folder of frames, drawn on them as PNGs — the
// picture an installer checks a camera with (and that eval figures stand for). Detector and tracker run
// as in `eval track`; with --gt the boxes are coloured by whether they match the ground truth.
// The images are written to a local folder only; nothing is published.
import { mkdir, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { boxesByFrame } from '../vision/eval/boxes-by-frame.js';
import { frameMarks, type Mark, markCounts, marksSvg } from '../vision/eval/frame-marks.js';
import { replayFolder } from '../vision/eval/replay-folder.js';
import { folderFrameOrder } from '../vision/sources/folder-source.js';
import { OVERHEAD_TRACKER } from '../vision/track/overhead-tracking.js';
import {
  mountingFlag,
  numberFlag,
  readMot,
  referenceHelp,
  replayDetectorFlags,
  UsageError,
} from './vision-flags.js';

export const drawUsage = `Usage: edge-agent draw --frames DIR --out DIR [--detector NAME] [--mounting overhead|oblique]
                     [--gt FILE] [--iou 0.5] [--score S] [--every N] [--limit N] [--fps 25]
                     [--reference PATH[,PATH…]]

Runs the detector and tracker over the frames of DIR (as eval track does) and writes every N-th frame
(--every, default 25) to --out as <frame>.png with what was found drawn on it: each detection's box
and score (green), each track's id (yellow, dashed). With --gt (MOTChallenge rows), detections that
match a ground-truth box at IoU ≥ --iou stay green, the others are red, and missed people are blue.
--detector: onnx (default for oblique), tfjs, coco-ssd, overhead (default for overhead).
--score: least score drawn (default 0.4). --limit: stop after N frames. The images stay on this machine.
${referenceHelp}
Prints {frames, drawn, out, …} as JSON on the last line.`;

interface Pending {
  name: string;
  marks: Mark[];
}

export async function draw(values: Record<string, unknown>): Promise<number> {
  const framesDir = values.frames;
  const outDir = values.out;
  if (typeof framesDir !== 'string' || typeof outDir !== 'string')
    throw new UsageError(`--frames and --out are required\n\n${drawUsage}`);
  const mounting = mountingFlag(values.mounting);
  const iou = numberFlag(values.iou, 'iou', 0.5, 0.05, 0.95);
  const minScore = numberFlag(values.score, 'score', 0.4, 0, 1);
  const every = numberFlag(values.every, 'every', 25, 1);
  if (!Number.isInteger(every))
    throw new UsageError(`--every must be a whole number, not "${String(values.every)}"`);
  const limit = values.limit === undefined ? undefined : numberFlag(values.limit, 'limit', 0, 1);
  const frameRate = numberFlag(values.fps, 'fps', 25, 1, 1000);
  const truth = typeof values.gt === 'string' ? boxesByFrame(await readMot(values.gt)) : undefined;

  const names = await readdir(framesDir).catch((err: Error) => {
    throw new UsageError(`--frames: cannot read ${framesDir}: ${err.message}`);
  });
  await mkdir(outDir, { recursive: true });
  if ((await realpath(outDir)) === (await realpath(framesDir)))
    throw new UsageError('--out must not be the --frames folder: the drawings would replace the frames');
  const fileOf = new Map(folderFrameOrder(names).frames.map((f) => [f.frame, f.name]));

  const { detector, reference } = await replayDetectorFlags(values, mounting, Math.min(minScore, 0.2));
  // Marks are kept (they are small) and drawn after the replay, so drawing never slows the pipeline.
  const pending: Pending[] = [];
  let index = 0;
  const result = await replayFolder({
    framesDir,
    detector,
    mounting,
    frameRate,
    ...(limit !== undefined && { limit }),
    ...(mounting === 'overhead' && { tracker: OVERHEAD_TRACKER }),
    onResult: (r) => {
      const name = fileOf.get(r.seq);
      if (index++ % every !== 0 || name === undefined) return;
      pending.push({
        name,
        marks: frameMarks({
          detections: r.detections,
          tracks: r.tracks,
          ...(truth && { truth: truth.get(r.seq) ?? [] }),
          iou,
          minScore,
        }),
      });
    },
    onProgress: (n) => console.error(`… ${n} frames`),
  });
  await detector.close();

  for (const { name, marks } of pending) {
    const image = sharp(path.join(framesDir, name));
    const { width, height } = await image.metadata();
    if (!width || !height) throw new Error(`${name}: cannot tell the image's size`);
    await image
      .composite([{ input: Buffer.from(marksSvg(width, height, marks)) }])
      .png()
      .toFile(path.join(outDir, `${path.parse(name).name}.png`));
  }
  const totals = markCounts(pending.flatMap((p) => p.marks));
  console.log(
    JSON.stringify({
      frames: result.frames,
      drawn: pending.length,
      out: path.resolve(outDir),
      detector: detector.name,
      mounting,
      reference: reference !== undefined,
      // Over the drawn frames only.
      ...(truth
        ? { found: totals.hit, falsePositives: totals['false-positive'], missed: totals.miss }
        : { detections: totals.detection }),
      tracks: totals.track,
    }),
  );
  return 0;
}
