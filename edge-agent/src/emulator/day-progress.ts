// How far an emulated day got, per gateway, kept in the emulator's data dir so that running the same
// day again (the same scenario, seed, day and date) resumes it instead of publishing its hours twice.
// One small JSON file per day, written crash-consistently (temp file, fsync, rename).
import path from 'node:path';
import { describeIssues } from '@retail/contracts';
import { z } from 'zod';
import { isoUtc } from '../simulator/scenario-time.js';
import { readFileIfExists, writeFileDurably } from '../storage/durable-file.js';

/** Which simulated day: progress made on another scenario, seed, day or date is never resumed. */
export interface DayKey {
  scenario: string;
  seed: number;
  dayIndex: number;
  /** Local date the day is played on, YYYY-MM-DD. */
  date: string;
}

export interface GatewayProgress {
  /** Sim epoch ms a new run may start at without the gateway publishing a window twice. */
  resumeTs: number;
  /** The gateway played the day to its end. */
  complete: boolean;
}

const gatewayProgressSchema = z.strictObject({
  resumeTs: z.number().int(),
  /** `resumeTs` for people (UTC). */
  resumeAt: z.string(),
  complete: z.boolean(),
});

const dayProgressSchema = z.strictObject({
  schema: z.literal('retail.emulator-progress/v1'),
  scenario: z.string(),
  seed: z.number().int(),
  dayIndex: z.number().int(),
  date: z.string(),
  gateways: z.record(z.string(), gatewayProgressSchema),
});

export type SavedProgress = Record<string, GatewayProgress>;

export class DayProgressFile {
  readonly file: string;
  #saved: SavedProgress = {};

  constructor(
    dataDir: string,
    private readonly key: DayKey,
  ) {
    // Scenario names are slugs, so the name is safe as a file name.
    this.file = path.join(
      dataDir,
      'progress',
      `${key.date}.${key.scenario}.seed-${key.seed}.day-${key.dayIndex}.json`,
    );
  }

  /** The progress saved for this day (empty when none). A damaged file is reported, not guessed at. */
  async load(): Promise<SavedProgress> {
    this.#saved = await this.#read();
    return { ...this.#saved };
  }

  async #read(): Promise<SavedProgress> {
    const text = await readFileIfExists(this.file);
    if (text === undefined) return {};
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.file} is not JSON (${(err as Error).message}); delete it or use --restart-day`);
    }
    const r = dayProgressSchema.safeParse(json);
    if (!r.success)
      throw new Error(
        `${this.file} is invalid (delete it or use --restart-day):\n${describeIssues(r.error)}`,
      );
    const { scenario, seed, dayIndex, date } = r.data;
    const k = this.key;
    // Same file name, another day: only a hand-edited file gets here. Not this day's progress.
    if (scenario !== k.scenario || seed !== k.seed || dayIndex !== k.dayIndex || date !== k.date) return {};
    return Object.fromEntries(
      Object.entries(r.data.gateways).map(([id, g]) => [id, { resumeTs: g.resumeTs, complete: g.complete }]),
    );
  }

  /** Records these gateways' progress; other gateways' saved progress is kept. Durable when it resolves. */
  async save(progress: SavedProgress): Promise<void> {
    const next = { ...this.#saved, ...progress };
    const gateways = Object.fromEntries(
      Object.entries(next).map(([id, g]) => [
        id,
        { resumeTs: g.resumeTs, resumeAt: isoUtc(g.resumeTs), complete: g.complete },
      ]),
    );
    const body = { schema: 'retail.emulator-progress/v1', ...this.key, gateways };
    await writeFileDurably(this.file, `${JSON.stringify(body, null, 2)}\n`);
    this.#saved = next;
  }
}

export interface Resumption {
  /** Sim time the run starts at: the day's start, or where the chosen gateways got to. */
  fromTs: number;
  /** Every chosen gateway has played the day to its end: nothing is left to play. */
  complete: boolean;
}

/** Where a run of `gatewayIds` picks the day up: the latest point any of them got to, so none of them
 * publishes a window twice (one that got less far skips the difference). */
export function resumption(
  saved: SavedProgress,
  gatewayIds: readonly string[],
  day: { startTs: number; endTs: number },
): Resumption {
  const mine = gatewayIds.map((id) => saved[id]);
  const fromTs = mine.reduce((t, g) => Math.max(t, g?.resumeTs ?? day.startTs), day.startTs);
  const complete = fromTs >= day.endTs || (mine.length > 0 && mine.every((g) => g?.complete === true));
  return { fromTs, complete };
}
