// `edge-agent eval track`: detector + tracker on a folder of frames against MOTChallenge ground
// truth; CLEAR MOT and identity metrics. JSON on the last line; --out writes the tracks.
import { writeFile } from 'node:fs/promises';
import { formatMotRow } from '@retail/contracts';
import { motMetrics } from '../vision/eval/mot-metrics.js';
import { MotRows } from '../vision/eval/mot-rows.js';
import { replayFolder } from '../vision/eval/replay-folder.js';
import { OVERHEAD_TRACKER } from '../vision/track/overhead-tracking.js';
import {
  mountingFlag,
  numberFlag,
  readMot,
  referenceHelp,
  replayDetectorFlags,
  UsageError,
} from './vision-flags.js';

export const evalTrackUsage = `Usage: edge-agent eval track --frames DIR --gt FILE [--detector NAME] [--mounting overhead|oblique]
                           [--iou 0.5] [--fps 25] [--out FILE] [--reference PATH[,PATH…]]

Runs detector and tracker over the frames of DIR and scores the tracks against the ground truth
(MOTChallenge definitions: MOTA, IDF1, identity switches). --fps is the recording's frame rate
(the tracker's motion model). --out writes the tracks as MOTChallenge rows. With --mounting overhead the
tracker takes the overhead detector's lower scores (track/overhead-tracking.ts: high 0.4, new track 0.5).
${referenceHelp}
Prints {mota, idf1, idSwitches, gtTracks, predictedTracks, …} as JSON on the last line.`;

export async function evalTrack(values: Record<string, unknown>): Promise<number> {
  const framesDir = values.frames;
  const gtFile = values.gt;
  if (typeof framesDir !== 'string' || typeof gtFile !== 'string')
    throw new UsageError(`--frames and --gt are required\n\n${evalTrackUsage}`);
  const mounting = mountingFlag(values.mounting);
  const iouThreshold = numberFlag(values.iou, 'iou', 0.5, 0.05, 0.95);
  const frameRate = numberFlag(values.fps, 'fps', 25, 1, 1000);
  const gt = await readMot(gtFile);
  const { detector, reference } = await replayDetectorFlags(values, mounting, 0.2);
  const predicted = new MotRows();
  const result = await replayFolder({
    framesDir,
    detector,
    mounting,
    frameRate,
    ...(mounting === 'overhead' && { tracker: OVERHEAD_TRACKER }),
    onResult: (r) => predicted.add(r),
    onProgress: (n) => console.error(`… ${n} frames`),
  });
  await detector.close();
  if (typeof values.out === 'string')
    await writeFile(
      values.out,
      predicted.rows.map((b) => formatMotRow(b)).join('\n') + (predicted.rows.length ? '\n' : ''),
    );
  const m = motMetrics(gt, predicted.rows, { iouThreshold });
  const r3 = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
  console.log(
    JSON.stringify({
      frames: result.frames,
      mota: r3(m.mota),
      idf1: r3(m.idf1),
      idSwitches: m.idSwitches,
      gtTracks: m.gtTracks,
      predictedTracks: m.predictedTracks,
      recall: r3(m.recall),
      precision: r3(m.precision),
      fp: m.fp,
      fn: m.fn,
      // What IDF1 is made of, so runs over several clips can pool it (2·ΣIDTP / (ΣGT + Σpredicted)).
      idtp: m.idtp,
      gtBoxes: m.gtBoxes,
      predictedBoxes: m.predictedBoxes,
      msPerFrame: r3(result.wallMs / Math.max(1, result.frames)),
      detector: detector.name,
      mounting,
      reference: reference !== undefined,
    }),
  );
  return 0;
}
