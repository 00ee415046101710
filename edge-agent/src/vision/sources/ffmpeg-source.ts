// Anything Debian's ffmpeg reads (RTSP, HTTP, files, V4L2 devices) through a child process that writes
// raw RGB frames on stdout. The pipe is always drained, so ffmpeg never blocks on a slow detector; only
// the latest frame waits for the consumer. A camera that dies (ffmpeg exits) or stalls (no frame for
// `stallTimeoutMs`, a watchdog) is reported with ffmpeg's stderr tail and restarted with backoff.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import type { RetryPolicy } from '../../outbox/backoff.js';
import { type FfmpegInputOptions, ffmpegArgs, isLiveInput } from './ffmpeg-args.js';
import type { Clock, FrameSource, Sleep } from './frame-source.js';
import { RawFrameAssembler } from './raw-frame-assembler.js';
import { PermanentSourceError, type SessionContext, SupervisedSource } from './supervised-source.js';

export interface FfmpegSourceOptions extends FfmpegInputOptions {
  /** The binary, a name looked up on PATH or a path; default 'ffmpeg'. */
  ffmpegPath?: string;
  /** No frame for this long (from spawn or the last frame) kills and restarts ffmpeg; default 10 s. */
  stallTimeoutMs?: number;
  /** Whether ffmpeg ending is a failure to restart (cameras) or the end (files); inferred from `input`. */
  live?: boolean;
  /** Consecutive failed starts before 'dead'; unlimited by default. */
  maxRetries?: number;
  retry?: RetryPolicy;
  now: Clock;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

/** How long ffmpeg gets to exit on SIGTERM (an RTSP TEARDOWN) before SIGKILL. */
const KILL_GRACE_MS = 2000;
const STDERR_TAIL_CHARS = 2000;

export function createFfmpegSource(o: FfmpegSourceOptions): FrameSource {
  for (const [name, v] of [
    ['width', o.width],
    ['height', o.height],
  ] as const) {
    if (!Number.isInteger(v) || v <= 0)
      throw new Error(`ffmpeg source: ${name} must be a positive integer, got ${v}`);
  }
  const binary = o.ffmpegPath ?? 'ffmpeg';
  return new SupervisedSource({
    description: `ffmpeg ${o.input}`,
    preflight: () => requireExecutable(binary),
    session: (ctx) => runFfmpegSession(ctx, binary, o),
    now: o.now,
    sleep: o.sleep,
    random: o.random,
    retry: o.retry,
    maxRetries: o.maxRetries,
    logger: o.logger,
  });
}

function runFfmpegSession(ctx: SessionContext, binary: string, o: FfmpegSourceOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const stallMs = o.stallTimeoutMs ?? 10_000;
    const live = o.live ?? isLiveInput(o.input);
    const assembler = new RawFrameAssembler(o.width * o.height * 3);
    const stderr = new TextTail(STDERR_TAIL_CHARS);
    const child = spawn(binary, ffmpegArgs(o), { stdio: ['ignore', 'pipe', 'pipe'] });
    let failure: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const kill = (why?: Error) => {
      failure ??= why;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(why ? 'SIGKILL' : 'SIGTERM');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const stalled = () => new Error(`no frame from ffmpeg for ${stallMs / 1000} s${stderr.suffix()}`);
    const watchdog = setTimeout(() => kill(stalled()), stallMs);
    const onAbort = () => kill();
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => {
      const frames = assembler.push(chunk);
      if (frames.length === 0) return;
      watchdog.refresh();
      for (const data of frames) ctx.emit({ kind: 'rgb', width: o.width, height: o.height, data });
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    child.on('error', (err: NodeJS.ErrnoException) => {
      failure ??=
        err.code === 'ENOENT'
          ? new PermanentSourceError(missingBinaryMessage(binary))
          : new Error(`could not run ffmpeg: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(killTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      if (ctx.signal.aborted) return resolve();
      if (failure) return reject(failure);
      if (code === 0 && !live) return resolve();
      const how = code === 0 ? 'ended the stream' : `exited with ${code ?? signal}`;
      reject(new Error(`ffmpeg ${how}${stderr.suffix()}`));
    });
    if (ctx.signal.aborted) onAbort();
  });
}

/** Fails with a clear message when the ffmpeg binary is not there, instead of an ENOENT later. */
export async function requireExecutable(binary: string): Promise<void> {
  if (await findExecutable(binary)) return;
  throw new PermanentSourceError(missingBinaryMessage(binary));
}

async function findExecutable(binary: string): Promise<string | undefined> {
  const candidates = binary.includes('/')
    ? [binary]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, binary));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

function missingBinaryMessage(binary: string): string {
  return binary.includes('/')
    ? `ffmpeg not found at ${binary} (or not executable)`
    : `ffmpeg binary '${binary}' not found on PATH; install it (apt-get install ffmpeg) or set its path`;
}

/** The last characters of a text stream: ffmpeg's final complaints, for lastError. */
class TextTail {
  #text = '';
  constructor(private readonly max: number) {}

  push(s: string): void {
    this.#text = (this.#text + s).slice(-this.max);
  }

  /** ": " and the last few non-empty lines joined by " | ", or '' when ffmpeg said nothing. */
  suffix(): string {
    const lines = this.#text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-5);
    return lines.length ? `: ${lines.join(' | ')}` : '';
  }
}
