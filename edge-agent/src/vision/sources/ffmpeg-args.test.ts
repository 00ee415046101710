import { describe, expect, it } from 'vitest';
import { ffmpegArgs, isLiveInput } from './ffmpeg-args.js';

/** The options that come before `-i`, and the filter chain. */
function split(args: string[]) {
  const i = args.indexOf('-i');
  return {
    before: args.slice(0, i),
    input: args[i + 1],
    vf: args[args.indexOf('-vf') + 1],
    tail: args.slice(-5),
  };
}

describe('ffmpegArgs', () => {
  it('asks for raw RGB of the required size on stdout', () => {
    const a = split(ffmpegArgs({ input: '/videos/a.mp4', width: 640, height: 360 }));
    expect(a.input).toBe('/videos/a.mp4');
    expect(a.vf).toBe('scale=640:360');
    expect(a.tail).toEqual(['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    expect(a.before).not.toContain('-re');
  });

  it('uses TCP for RTSP, v4l2 for devices, -re only for files, fps before scale', () => {
    const rtsp = split(ffmpegArgs({ input: 'rtsp://cam/s1', width: 4, height: 2, fps: 5, realtime: true }));
    expect(rtsp.before.join(' ')).toContain('-rtsp_transport tcp');
    expect(rtsp.before).not.toContain('-re');
    expect(rtsp.vf).toBe('fps=5,scale=4:2');
    expect(split(ffmpegArgs({ input: '/dev/video0', width: 4, height: 2 })).before.join(' ')).toContain(
      '-f v4l2',
    );
    const file = split(ffmpegArgs({ input: 'file:///v/my%20clip.mp4', width: 4, height: 2, realtime: true }));
    expect(file.before).toContain('-re');
    expect(file.input).toBe('/v/my clip.mp4');
    const looped = split(ffmpegArgs({ input: '/v/clip.mp4', width: 4, height: 2, loop: true }));
    expect(looped.before.join(' ')).toContain('-stream_loop -1');
    expect(
      split(ffmpegArgs({ input: 'rtsp://cam/s1', width: 4, height: 2, loop: true })).before,
    ).not.toContain('-stream_loop');
  });
});

describe('isLiveInput', () => {
  it('treats URLs and devices as cameras, files as recordings', () => {
    expect(isLiveInput('rtsp://cam/stream')).toBe(true);
    expect(isLiveInput('https://cam/video.m3u8')).toBe(true);
    expect(isLiveInput('/dev/video0')).toBe(true);
    expect(isLiveInput('/data/clip.mp4')).toBe(false);
    expect(isLiveInput('clip.mp4')).toBe(false);
    expect(isLiveInput('file:///data/clip.mp4')).toBe(false);
  });
});
