// The ffmpeg command line for one camera, and what kind of input it is. Pure.
//
// Output size is required, not probed: the frames must be in the pixel grid the camera was calibrated in
// (the layout's `resolution`), a fixed size lets stdout be cut into frames from the first byte without an
// ffprobe round trip on every RTSP reconnect, and `scale` keeps the size fixed even if the camera changes
// resolution mid-stream, which would otherwise shift every following frame boundary.

export interface FfmpegInputOptions {
  /** Anything ffmpeg opens: rtsp://…, http(s)://…, a file path or file:// URL, /dev/video0. */
  input: string;
  width: number;
  height: number;
  /** Output frame rate (ffmpeg drops or repeats frames to meet it); the input's own rate when absent. */
  fps?: number;
  /** Read a file at its native speed (`-re`), as a camera would deliver it; ignored for live inputs. */
  realtime?: boolean;
  /** Read a file again from the start when it ends (`-stream_loop -1`); ignored for live inputs. */
  loop?: boolean;
}

/** Whether the input is a camera or stream (ends are failures to restart) rather than a file (ends are ends). */
export function isLiveInput(input: string): boolean {
  if (input.startsWith('/dev/')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
  return scheme !== undefined && scheme !== 'file';
}

export function ffmpegArgs(o: FfmpegInputOptions): string[] {
  const input = o.input.startsWith('file://') ? decodeURIComponent(new URL(o.input).pathname) : o.input;
  const before: string[] = [];
  // TCP interleaving: UDP RTP loses packets on busy store Wi-Fi and smears every following frame.
  if (/^rtsps?:\/\//i.test(input)) before.push('-rtsp_transport', 'tcp');
  if (input.startsWith('/dev/video')) before.push('-f', 'v4l2');
  if (o.realtime && !isLiveInput(input)) before.push('-re');
  if (o.loop && !isLiveInput(input)) before.push('-stream_loop', '-1');
  // fps before scale: frames that will be dropped are not scaled first.
  const filters = [...(o.fps ? [`fps=${o.fps}`] : []), `scale=${o.width}:${o.height}`];
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...before,
    '-i',
    input,
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filters.join(','),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
}
