import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DayKey, DayProgressFile, resumption } from './day-progress.js';

const KEY: DayKey = { scenario: 'cross-merch', seed: 31337, dayIndex: 0, date: '2031-05-20' };
const OPEN = Date.UTC(2031, 4, 20, 7);
const DAY = { startTs: OPEN, endTs: OPEN + 15 * 3_600_000 };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'day-progress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DayProgressFile', () => {
  it('keeps each gateway’s progress across instances, merging what a run of fewer gateways saves', async () => {
    const first = new DayProgressFile(dir, KEY);
    expect(await first.load()).toEqual({});
    await first.save({
      'gw-front': { resumeTs: OPEN + 600_000, complete: false },
      'gw-back': { resumeTs: OPEN + 600_000, complete: false },
    });
    const second = new DayProgressFile(dir, KEY);
    await second.load();
    await second.save({ 'gw-front': { resumeTs: OPEN + 1_200_000, complete: false } });
    expect(await new DayProgressFile(dir, KEY).load()).toEqual({
      'gw-front': { resumeTs: OPEN + 1_200_000, complete: false },
      'gw-back': { resumeTs: OPEN + 600_000, complete: false },
    });
    // Written by rename: no temp file left behind; readable for people.
    expect(await readdir(path.join(dir, 'progress'))).toEqual([path.basename(first.file)]);
    expect(JSON.parse(await readFile(first.file, 'utf8')).gateways['gw-front'].resumeAt).toBe(
      '2031-05-20T07:20:00.000Z',
    );
  });

  it('never hands one day’s progress to another scenario, seed, day or date', async () => {
    await new DayProgressFile(dir, KEY).save({ 'gw-front': { resumeTs: OPEN + 600_000, complete: true } });
    for (const other of [
      { ...KEY, scenario: 'demo-day' },
      { ...KEY, seed: 1 },
      { ...KEY, dayIndex: 1 },
      { ...KEY, date: '2031-05-21' },
    ])
      expect(await new DayProgressFile(dir, other).load()).toEqual({});
    // A file copied under another day's name is not taken for that day either.
    const mine = new DayProgressFile(dir, KEY);
    const copy = new DayProgressFile(dir, { ...KEY, seed: 2 });
    await writeFile(copy.file, await readFile(mine.file, 'utf8'));
    expect(await copy.load()).toEqual({});
  });

  it('reports a damaged file instead of guessing', async () => {
    const file = new DayProgressFile(dir, KEY);
    await file.save({});
    await writeFile(file.file, '{"schema":"retail.emulator-progress/v1"');
    await expect(file.load()).rejects.toThrow(/not JSON.*--restart-day/);
    await writeFile(file.file, JSON.stringify({ schema: 'retail.emulator-progress/v1', ...KEY }));
    await expect(file.load()).rejects.toThrow(/invalid/);
  });
});

describe('resumption', () => {
  const at = (min: number, complete = false) => ({ resumeTs: OPEN + min * 60_000, complete });

  it('starts a day nobody played at its start', () => {
    expect(resumption({}, ['gw-front', 'gw-back'], DAY)).toEqual({ fromTs: OPEN, complete: false });
  });

  it('picks the day up where the furthest of the chosen gateways got, ignoring the others', () => {
    const saved = { 'gw-front': at(20), 'gw-back': at(25), 'gw-side': at(90) };
    expect(resumption(saved, ['gw-front', 'gw-back'], DAY)).toEqual({
      fromTs: OPEN + 25 * 60_000,
      complete: false,
    });
    expect(resumption(saved, ['gw-front'], DAY).fromTs).toBe(OPEN + 20 * 60_000);
  });

  it('is complete when every chosen gateway played the day out, or got past its end', () => {
    const done = at(15 * 60, true);
    expect(resumption({ 'gw-front': done, 'gw-back': done }, ['gw-front', 'gw-back'], DAY).complete).toBe(
      true,
    );
    expect(resumption({ 'gw-front': done }, ['gw-front', 'gw-back'], DAY).complete).toBe(true); // gw-back would start past the end
    expect(resumption({ 'gw-front': at(15 * 60 + 1) }, ['gw-front'], DAY).complete).toBe(true);
    expect(resumption({ 'gw-front': at(800, true) }, ['gw-front', 'gw-back'], DAY)).toEqual({
      fromTs: OPEN + 800 * 60_000,
      complete: false,
    });
  });
});
