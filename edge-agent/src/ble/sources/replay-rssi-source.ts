// Replays an RSSI CSV log (`ts,anchor,beacon,rssi`) as a reception source: as fast as possible, or paced by
// its timestamps at `speed`× real time. Bad rows are counted and reported (line, field), never fatal;
// strangers in the log are dropped like strangers on the air.
import { open } from 'node:fs/promises';
import { formatIssue, type ParseIssue, parseRssiCsv, type TextSource } from '@retail/contracts';
import type { Logger } from '../../logger.js';
import type { ClassifyBeacon } from '../advertising/index.js';
import {
  newReceptionCounters,
  type Reception,
  type ReceptionCounters,
  type ReceptionSource,
} from '../ble-types.js';
import { createIssueLog } from './issue-log.js';
import { createReceptionGate } from './reception-gate.js';

export interface ReplayRssiSourceOptions {
  /** Either a file path… */
  file?: string;
  /** …or any text source (chunks of text or bytes); then `name` says what it is. */
  text?: TextSource;
  name?: string;
  classify: ClassifyBeacon;
  /** Omitted or Infinity: as fast as possible. A positive number: paced by the timestamps, this many × real time. */
  speed?: number;
  /** Each malformed row, with its line and field. */
  onIssue?: (issue: ParseIssue) => void;
  logger?: Logger;
  /** For paced replay; injectable so tests run on a virtual clock. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface ReplaySummary {
  delivered: number;
  strangers: number;
  /** Bad rows (a row with several bad cells counts once; a bad header counts once and ends the replay). */
  malformed: number;
  /** True when `stop()` ended the replay before the end of the log. */
  stopped: boolean;
}

/** How many rows an unpaced replay handles before yielding to the event loop (so stop() and I/O get a turn). */
const YIELD_EVERY = 512;

export class ReplayRssiSource implements ReceptionSource {
  readonly name: string;
  readonly counters: ReceptionCounters = newReceptionCounters();
  readonly #o: ReplayRssiSourceOptions;
  readonly #abort = new AbortController();
  #finished: Promise<ReplaySummary> | undefined;

  constructor(options: ReplayRssiSourceOptions) {
    if ((options.file === undefined) === (options.text === undefined)) {
      throw new TypeError('replay source: give exactly one of `file` or `text`');
    }
    const speed = options.speed ?? Number.POSITIVE_INFINITY;
    if (!(speed > 0)) throw new RangeError(`replay source: speed must be > 0, got ${speed}`);
    this.#o = options;
    this.name = `replay ${options.file ?? options.name ?? 'rssi log'}`;
  }

  /** Opens the log (rejecting when it cannot be read at all) and starts replaying in the background. */
  async start(onReception: (r: Reception) => void): Promise<void> {
    if (this.#finished) throw new Error(`${this.name}: already started`);
    const source = await this.#openSource();
    this.#finished = this.#run(source, onReception);
    // A read error mid-way rejects `finished()`; keep it from surfacing as an unhandled rejection meanwhile.
    this.#finished.catch(() => {});
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#finished?.catch(() => {});
  }

  /** Resolves when the whole log was replayed or `stop()` was called; rejects on a read error. */
  finished(): Promise<ReplaySummary> {
    if (!this.#finished) return Promise.reject(new Error(`${this.name}: not started`));
    return this.#finished;
  }

  async #openSource(): Promise<TextSource> {
    const { file, text } = this.#o;
    if (text !== undefined) return text;
    try {
      const handle = await open(file ?? '', 'r');
      return handle.createReadStream();
    } catch (err) {
      throw new Error(`RSSI log "${file}": cannot open (${(err as Error).message})`);
    }
  }

  async #run(source: TextSource, onReception: (r: Reception) => void): Promise<ReplaySummary> {
    const { counters } = this;
    const signal = this.#abort.signal;
    const gate = createReceptionGate(this.#o.classify, counters, onReception);
    const issues = createIssueLog(this.#o.logger?.child({ module: 'edge.ble.replay' }));
    const pacer = this.#pacer();
    let rows = 0;
    let lastBadLine = -1;
    for await (const row of parseRssiCsv(source)) {
      if (signal.aborted) break;
      if (!row.ok) {
        if (row.issue.line !== lastBadLine) counters.malformed += 1;
        lastBadLine = row.issue.line;
        this.#o.onIssue?.(row.issue);
        issues.warn({ source: this.name }, formatIssue(row.issue));
        continue;
      }
      rows += 1;
      if (!(await pacer(row.value.ts, rows))) break;
      gate.offer(row.value);
    }
    return { ...counters, stopped: signal.aborted };
  }

  /** Waits until a row is due; false when stopped meanwhile. */
  #pacer(): (ts: number, rows: number) => Promise<boolean> {
    const signal = this.#abort.signal;
    const speed = this.#o.speed ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(speed)) {
      return async (_ts, rows) => {
        if (rows % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
        return !signal.aborted;
      };
    }
    const now = this.#o.now ?? Date.now;
    const sleep = this.#o.sleep ?? abortableSleep;
    let origin: { wall: number; ts: number } | undefined;
    return async (ts) => {
      origin ??= { wall: now(), ts };
      // Rows that go back in time are delivered at once, not held back.
      const wait = origin.wall + (ts - origin.ts) / speed - now();
      if (wait > 0) await sleep(wait, signal).catch(() => {});
      return !signal.aborted;
    };
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
