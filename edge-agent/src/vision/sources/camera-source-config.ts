// Where a camera's frames come from, as configured: an object naming the source type, or a plain
// string (the layout's `camera.source`) whose type is inferred by `inferCameraSource`. Pure: the
// file-system look-up the inference needs is passed in.
import { z } from 'zod';

/** Restart policy shared by the live sources. */
const liveFields = {
  /** Consecutive failed (re)connections before the camera is reported dead; unlimited when absent. */
  maxRetries: z.int().min(0).optional(),
  /** No frame (ffmpeg) or no byte (MJPEG) for this long counts as a dead camera and restarts it. */
  stallTimeoutSeconds: z.number().positive().max(3600).default(10),
};

export const folderSourceConfigSchema = z.strictObject({
  type: z.literal('folder'),
  path: z.string().min(1),
  /** Replay rate; 0 = as fast as the detector pulls (evaluations: no frame dropped). */
  fps: z.number().min(0).max(1000).default(25),
  loop: z.boolean().default(false),
});

export const mjpegSourceConfigSchema = z.strictObject({
  type: z.literal('mjpeg'),
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  ...liveFields,
});

export const ffmpegSourceConfigSchema = z.strictObject({
  type: z.literal('ffmpeg'),
  /** rtsp://…, a video file, /dev/video0, or any other input ffmpeg opens. */
  input: z.string().min(1),
  /** Output size; defaults to the camera's calibrated `resolution` from the layout. */
  width: z.int().positive().max(8192).optional(),
  height: z.int().positive().max(8192).optional(),
  /** Output frame rate; the input's own when absent. */
  fps: z.number().positive().max(1000).optional(),
  /** Replay a file at its native speed, like a camera (ffmpeg `-re`). */
  realtime: z.boolean().default(false),
  /** Start a file again from the beginning when it ends (ffmpeg `-stream_loop -1`); cameras and streams never end. */
  loop: z.boolean().default(false),
  ...liveFields,
});

export const cameraSourceConfigSchema = z.discriminatedUnion('type', [
  folderSourceConfigSchema,
  mjpegSourceConfigSchema,
  ffmpegSourceConfigSchema,
]);

/** A camera source as written in config: the object form, or the string shorthand. */
export const cameraSourceSchema = z.union([z.string().min(1), cameraSourceConfigSchema]);

export type CameraSourceConfig = z.output<typeof cameraSourceConfigSchema>;
export type CameraSource = z.output<typeof cameraSourceSchema>;

/** What is at a path, for the shorthand inference. */
export type PathKind = 'directory' | 'file' | 'missing';

/** An http(s) URL whose path ends like this is a video file or playlist for ffmpeg, not an MJPEG stream. */
const VIDEO_FILE = /\.(?:mp4|m4v|mkv|mov|avi|webm|flv|ts|m3u8|mpd)$/i;

/**
 * The source a plain string means:
 * 1. http:// or https:// → MJPEG (IP cameras and ESP32-CAMs serve it at paths like /stream or
 *    /video.mjpg), unless the path ends in a video file or playlist extension (.mp4, .m3u8, …) → ffmpeg;
 * 2. any other URL (rtsp://, rtsps://, rtmp://, udp://, srt://, file://) → ffmpeg;
 * 3. /dev/video… → ffmpeg (V4L2);
 * 4. an existing directory → folder replay; an existing file → ffmpeg (a video file);
 * anything else is an error naming the rule.
 */
export function inferCameraSource(source: string, kindOf: (path: string) => PathKind): CameraSourceConfig {
  const s = source.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const { pathname } = new URL(s);
    return cameraSourceConfigSchema.parse(
      VIDEO_FILE.test(pathname) ? { type: 'ffmpeg', input: s } : { type: 'mjpeg', url: s },
    );
  }
  if (scheme !== undefined || s.startsWith('/dev/video'))
    return cameraSourceConfigSchema.parse({ type: 'ffmpeg', input: s });
  const kind = kindOf(s);
  if (kind === 'directory') return cameraSourceConfigSchema.parse({ type: 'folder', path: s });
  if (kind === 'file') return cameraSourceConfigSchema.parse({ type: 'ffmpeg', input: s });
  throw new Error(
    `camera source ${JSON.stringify(source)}: expected an http(s) MJPEG URL, an rtsp:// (or other ffmpeg) URL, ` +
      'a /dev/video device, an existing folder of frames or an existing video file',
  );
}
