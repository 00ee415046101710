import { describe, expect, it } from 'vitest';
import { cameraSourceSchema, inferCameraSource, type PathKind } from './camera-source-config.js';

const fsWith =
  (entries: Record<string, PathKind>) =>
  (p: string): PathKind =>
    entries[p] ?? 'missing';
const none = fsWith({});

describe('inferCameraSource', () => {
  it('reads http(s) URLs as MJPEG unless they name a video file or playlist', () => {
    expect(inferCameraSource('http://cam.local:81/stream', none)).toMatchObject({ type: 'mjpeg' });
    expect(inferCameraSource('https://u:p@cam/video.mjpg?x=1', none)).toMatchObject({ type: 'mjpeg' });
    expect(inferCameraSource('http://nvr/live/cam1.m3u8', none)).toMatchObject({ type: 'ffmpeg' });
    expect(inferCameraSource('http://nvr/clips/a.MP4', none)).toMatchObject({ type: 'ffmpeg' });
  });

  it('sends other URLs and V4L2 devices to ffmpeg, with defaults filled in', () => {
    expect(inferCameraSource('rtsp://cam/s1', none)).toEqual({
      type: 'ffmpeg',
      input: 'rtsp://cam/s1',
      realtime: false,
      loop: false,
      stallTimeoutSeconds: 10,
    });
    expect(inferCameraSource('file:///clips/a.mp4', none)).toMatchObject({ type: 'ffmpeg' });
    expect(inferCameraSource('/dev/video0', none)).toMatchObject({ type: 'ffmpeg', input: '/dev/video0' });
  });

  it('looks at the file system for paths: folders replay, files go to ffmpeg, anything else fails', () => {
    const fs = fsWith({ '/frames/Walk1': 'directory', '/clips/a.avi': 'file' });
    expect(inferCameraSource('/frames/Walk1', fs)).toEqual({
      type: 'folder',
      path: '/frames/Walk1',
      fps: 25,
      loop: false,
    });
    expect(inferCameraSource('/clips/a.avi', fs)).toMatchObject({ type: 'ffmpeg', input: '/clips/a.avi' });
    expect(() => inferCameraSource('/nowhere', fs)).toThrow(/"\/nowhere": expected an http\(s\) MJPEG URL/);
  });
});

describe('cameraSourceSchema', () => {
  it('accepts the shorthand string and each object form, naming the bad field otherwise', () => {
    expect(cameraSourceSchema.parse('rtsp://cam/s1')).toBe('rtsp://cam/s1');
    expect(cameraSourceSchema.parse({ type: 'folder', path: 'f', fps: 0 })).toEqual({
      type: 'folder',
      path: 'f',
      fps: 0,
      loop: false,
    });
    const mjpeg = cameraSourceSchema.safeParse({ type: 'mjpeg', url: 'rtsp://cam' });
    expect(mjpeg.success).toBe(false);
    const ffmpeg = cameraSourceSchema.safeParse({ type: 'ffmpeg', input: 'x', width: 0, height: 10 });
    expect(ffmpeg.error?.issues.map((i) => i.path.join('.'))).toContain('width');
    expect(cameraSourceSchema.safeParse({ type: 'folder', path: 'f', fsp: 3 }).success).toBe(false);
  });
});
