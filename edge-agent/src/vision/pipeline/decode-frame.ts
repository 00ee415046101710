// Turns what a source delivers into the RGB pixels detectors take, in the camera's calibrated
// resolution (so privacy masks and the homography apply): JPEG/PNG are decoded with sharp, raw
// frames of another size are resized.
import sharp from 'sharp';
import type { RgbImage, SourceFrame } from '../frame.js';

export interface FrameSize {
  width: number;
  height: number;
}

export async function decodeFrame(frame: SourceFrame, size?: FrameSize): Promise<RgbImage> {
  if (frame.kind === 'detections') throw new Error('a detections frame has no pixels to decode');
  if (frame.kind === 'rgb') {
    if (!size || (frame.width === size.width && frame.height === size.height))
      return { width: frame.width, height: frame.height, data: frame.data };
    return toRgb(
      sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } }).resize(
        size.width,
        size.height,
        { fit: 'fill' },
      ),
    );
  }
  let pipeline = sharp(frame.data).removeAlpha().toColourspace('srgb');
  if (size) pipeline = pipeline.resize(size.width, size.height, { fit: 'fill' });
  return toRgb(pipeline);
}

async function toRgb(pipeline: sharp.Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded frame has ${info.channels} channels, expected 3`);
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}
