// `edge-agent eval detect`: a detector on a folder of frames against MOTChallenge ground truth;
// precision, recall and F1 at an IoU threshold, pooled over frames. JSON on the last line.
import { boxesByFrame } from '../vision/eval/boxes-by-frame.js';
import {
  addCounts,
  type DetectionCounts,
  detectionScores,
  matchFrame,
} from '../vision/eval/detection-metrics.js';
import { replayFolder } from '../vision/eval/replay-folder.js';
import {
  mountingFlag,
  numberFlag,
  readMot,
  referenceHelp,
  replayDetectorFlags,
  UsageError,
} from './vision-flags.js';

export const evalDetectUsage = `Usage: edge-agent eval detect --frames DIR --gt FILE [--detector NAME] [--mounting overhead|oblique]
                            [--iou 0.5] [--score S] [--limit N] [--reference PATH[,PATH…]]

Runs the detector over every frame of DIR (frame number = last digits of the file name) and
matches its boxes to the ground truth (MOTChallenge rows frame,id,x,y,w,h,…) at IoU ≥ --iou.
--detector: onnx (default for oblique), tfjs, coco-ssd, overhead (default for overhead).
--score: least score counted as a detection (default 0.4).
${referenceHelp}
Prints {frames, precision, recall, f1, msPerFrame, …} as JSON on the last line.`;

export async function evalDetect(values: Record<string, unknown>): Promise<number> {
  const framesDir = values.frames;
  const gtFile = values.gt;
  if (typeof framesDir !== 'string' || typeof gtFile !== 'string')
    throw new UsageError(`--frames and --gt are required\n\n${evalDetectUsage}`);
  const mounting = mountingFlag(values.mounting);
  const iouThreshold = numberFlag(values.iou, 'iou', 0.5, 0.05, 0.95);
  const minScore = numberFlag(values.score, 'score', 0.4, 0, 1);
  const limit = values.limit === undefined ? undefined : numberFlag(values.limit, 'limit', 0, 1);
  const truth = boxesByFrame(await readMot(gtFile));
  const { detector, reference } = await replayDetectorFlags(values, mounting, Math.min(minScore, 0.2));
  let counts: DetectionCounts = { tp: 0, fp: 0, fn: 0 };
  const result = await replayFolder({
    framesDir,
    detector,
    mounting,
    ...(limit !== undefined && { limit }),
    onResult: (r) => {
      const kept = r.detections.filter((d) => d.score >= minScore);
      counts = addCounts(counts, matchFrame(kept, truth.get(r.seq) ?? [], iouThreshold));
    },
    onProgress: (n) => console.error(`… ${n} frames`),
  });
  await detector.close();
  const scores = detectionScores(counts);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  console.log(
    JSON.stringify({
      frames: result.frames,
      precision: r3(scores.precision),
      recall: r3(scores.recall),
      f1: r3(scores.f1),
      msPerFrame: r3(result.wallMs / Math.max(1, result.frames)),
      tp: scores.tp,
      fp: scores.fp,
      fn: scores.fn,
      detector: detector.name,
      mounting,
      iou: iouThreshold,
      minScore,
      reference: reference !== undefined,
    }),
  );
  return 0;
}
