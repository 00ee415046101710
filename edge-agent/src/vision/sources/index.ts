// Camera frame sources behind one pull-based interface: folder replay, MJPEG over HTTP, ffmpeg.
export * from './camera-source-config.js';
export * from './create-frame-source.js';
export { createFfmpegSource, type FfmpegSourceOptions } from './ffmpeg-source.js';
export {
  type FolderFrame,
  FolderSource,
  type FolderSourceOptions,
  folderFrameOrder,
} from './folder-source.js';
export * from './frame-source.js';
export { LatestFrameSlot } from './latest-frame-slot.js';
export { createMjpegSource, type MjpegSourceOptions } from './mjpeg-source.js';
export { DEFAULT_SOURCE_RETRY, PermanentSourceError } from './supervised-source.js';
