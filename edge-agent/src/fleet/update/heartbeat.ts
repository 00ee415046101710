// The agent's side of the launcher's software watchdog: when the launcher sets EDGE_HEARTBEAT_FILE,
// the agent rewrites that file every EDGE_HEARTBEAT_MS (default 10 s) from a timer on its main event
// loop, so a blocked loop or a deadlock stops the beats and the launcher (watchdog.ts) restarts it.
// Each beat writes different text (pid, sequence number, time), so the launcher sees it by content,
// independent of file-system timestamps. Only `node:*`, so the launcher's copy can import it too.
import { writeFile } from 'node:fs/promises';

/** Environment the launcher gives the agent when its watchdog is on. */
export const ENV_HEARTBEAT_FILE = 'EDGE_HEARTBEAT_FILE';
export const ENV_HEARTBEAT_MS = 'EDGE_HEARTBEAT_MS';
export const DEFAULT_HEARTBEAT_MS = 10_000;

export interface HeartbeatOptions {
  file: string;
  intervalMs: number;
  /** A failed write (reported, never thrown: the next beat tries again). */
  onError?: (err: Error) => void;
}

export interface Heartbeat {
  readonly file: string;
  readonly intervalMs: number;
  /** Beats written so far. */
  readonly beats: number;
  stop(): void;
}

/** Writes one beat now and then every `intervalMs`; the timer does not keep the process alive. */
export function startHeartbeat(o: HeartbeatOptions): Heartbeat {
  let beats = 0;
  let seq = 0;
  let writing = false;
  const beat = () => {
    if (writing) return; // a slow disk: skip rather than pile up writes
    writing = true;
    seq += 1;
    writeFile(o.file, `${process.pid} ${seq} ${Date.now()}\n`).then(
      () => {
        beats += 1;
        writing = false;
      },
      (err: Error) => {
        writing = false;
        o.onError?.(new Error(`heartbeat ${o.file}: ${err.message}`));
      },
    );
  };
  beat();
  const timer = setInterval(beat, o.intervalMs);
  timer.unref();
  return {
    file: o.file,
    intervalMs: o.intervalMs,
    get beats() {
      return beats;
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * The heartbeat the launcher asked for, or undefined when it asked for none. A malformed
 * EDGE_HEARTBEAT_MS is reported through `onError` and the default is used instead.
 */
export function heartbeatFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  onError?: (err: Error) => void,
): Heartbeat | undefined {
  const file = env[ENV_HEARTBEAT_FILE];
  if (!file) return undefined;
  const text = env[ENV_HEARTBEAT_MS];
  let intervalMs = DEFAULT_HEARTBEAT_MS;
  if (text !== undefined && text !== '') {
    const n = Number(text);
    if (Number.isInteger(n) && n > 0) intervalMs = n;
    else
      onError?.(
        new Error(`${ENV_HEARTBEAT_MS}: "${text}" is not a positive whole number; using ${intervalMs}`),
      );
  }
  return startHeartbeat({ file, intervalMs, ...(onError && { onError }) });
}
