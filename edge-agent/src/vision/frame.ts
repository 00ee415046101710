// The shapes every vision stage agrees on: frames as sources deliver them, decoded pixels, boxes and
// detections in image pixels, and the detector port that backends implement.

/** A frame as a source delivers it: encoded (JPEG/PNG from a folder or MJPEG), raw RGB (ffmpeg), or
 * — from the gateway emulator's simulated cameras — the boxes a detector would have found, which skip
 * decoding and detection and go on through the same tracker, projection and fusion. */
export type SourceFrame =
  | { kind: 'encoded'; seq: number; ts: number; data: Uint8Array }
  | { kind: 'rgb'; seq: number; ts: number; width: number; height: number; data: Uint8Array }
  | { kind: 'detections'; seq: number; ts: number; detections: Detection[] };

/** Decoded pixels, interleaved RGB, 3 bytes per pixel, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An axis-aligned box in image pixels; (x, y) is the top-left corner, as in MOTChallenge. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A person found in one frame. `score` is in [0, 1]. */
export interface Detection extends Box {
  score: number;
}

/** Milliseconds spent per stage on one frame, for metrics and `bench detect`. */
export interface StageTimings {
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

export interface DetectionResult {
  detections: Detection[];
  timings: StageTimings;
}

/** Where a camera hangs decides what it sees: people upright (oblique) or heads and shoulders (overhead). */
export type Mounting = 'overhead' | 'oblique';

/** A person detector backend. Detectors may keep state between frames (background models), so one
 * instance serves one camera. */
export interface Detector {
  readonly name: string;
  detect(image: RgbImage): Promise<DetectionResult>;
  close(): Promise<void>;
}
