// The launcher's software watchdog (systemd's WatchdogSec needs sd_notify, which Node cannot send):
// the launcher empties `<root>/heartbeat` before each start, the agent rewrites it on a timer
// (heartbeat.ts), and when it has not changed for `timeoutMs` (or `graceMs` after the start, before
// the first beat) the agent counts as hung and the launcher stops it. `HeartbeatTracker` is the pure
// decision; `watchHeartbeat` polls the file. Only `node:*`, so the launcher's copy runs it.
import { readFile, writeFile } from 'node:fs/promises';

/** What the launcher knows about the beats of one run of the agent. Pure. */
export class HeartbeatTracker {
  #last: string;
  #lastBeatAt: number | undefined;
  #beats = 0;

  constructor(
    private readonly startedAt: number,
    private readonly timeoutMs: number,
    private readonly graceMs: number,
    /** The file's text at the start (the launcher writes it empty); only a change is a beat. */
    initial = '',
  ) {
    this.#last = initial;
  }

  /** The file's text at `at` (undefined: unreadable); true when it is a new beat. */
  observe(text: string | undefined, at: number): boolean {
    if (text === undefined || text === '' || text === this.#last) return false;
    this.#last = text;
    this.#lastBeatAt = at;
    this.#beats += 1;
    return true;
  }

  get beats(): number {
    return this.#beats;
  }

  /** Since the last beat, or since the start when there was none yet. */
  silentMs(at: number): number {
    return at - (this.#lastBeatAt ?? this.startedAt);
  }

  overdue(at: number): boolean {
    return this.silentMs(at) > (this.#lastBeatAt === undefined ? this.graceMs : this.timeoutMs);
  }
}

export interface WatchHeartbeatOptions {
  file: string;
  timeoutMs: number;
  /** Allowed silence after the start until the first beat. */
  graceMs: number;
  pollMs: number;
  now: () => number;
}

export interface HungReport {
  silentMs: number;
  beats: number;
}

/** Creates (or empties) the heartbeat file before a start, so no old beat counts for the new run. */
export function resetHeartbeatFile(file: string): Promise<void> {
  return writeFile(file, '');
}

/** Polls the file every `pollMs`; `hung` resolves once the agent is overdue. */
export function watchHeartbeat(o: WatchHeartbeatOptions): { hung: Promise<HungReport>; stop(): void } {
  const tracker = new HeartbeatTracker(o.now(), o.timeoutMs, o.graceMs);
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  const hung = new Promise<HungReport>((resolve) => {
    timer = setInterval(() => {
      if (reading) return;
      reading = true;
      readFile(o.file, 'utf8')
        .catch(() => undefined)
        .then((text) => {
          reading = false;
          const at = o.now();
          tracker.observe(text, at);
          if (!tracker.overdue(at)) return;
          clearInterval(timer);
          resolve({ silentMs: tracker.silentMs(at), beats: tracker.beats });
        });
    }, o.pollMs);
  });
  return { hung, stop: () => clearInterval(timer) };
}
