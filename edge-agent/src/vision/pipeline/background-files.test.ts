import { describe, expect, it } from 'vitest';
import { backgroundFileName, backgroundFilesToKeep, isBackgroundFile } from './background-files.js';

describe('backgroundFileName', () => {
  it('names one picture per UTC hour', () => {
    expect(backgroundFileName(Date.UTC(2026, 10, 24, 7, 59, 59))).toBe('background-2026-11-24T07Z.png');
    expect(backgroundFileName(Date.UTC(2026, 10, 24, 7, 0))).toBe('background-2026-11-24T07Z.png');
    expect(backgroundFileName(Date.UTC(2026, 10, 24, 8, 0))).toBe('background-2026-11-24T08Z.png');
    expect(isBackgroundFile(backgroundFileName(0))).toBe(true);
  });
});

describe('backgroundFilesToKeep', () => {
  const hours = (n: number) =>
    Array.from({ length: n }, (_, h) => backgroundFileName(Date.UTC(2026, 0, 1, h)));

  it('keeps the newest pictures, newest first, and removes the older ones', () => {
    const names = [...hours(5)].reverse(); // any listing order
    expect(backgroundFilesToKeep(names, 3)).toEqual({
      keep: [hours(5)[4], hours(5)[3], hours(5)[2]],
      remove: [hours(5)[1], hours(5)[0]],
    });
    expect(backgroundFilesToKeep(names, 0)).toEqual({ keep: [], remove: [...hours(5)].reverse() });
  });

  it('sorts by time across days and months', () => {
    const late = backgroundFileName(Date.UTC(2026, 0, 31, 23));
    const early = backgroundFileName(Date.UTC(2026, 1, 1, 0));
    expect(backgroundFilesToKeep([early, late], 1)).toEqual({ keep: [early], remove: [late] });
  });

  it('leaves foreign files alone and removes writes a crash cut short', () => {
    const names = ['notes.txt', 'background-x.png', `${hours(1)[0]}.123-4.tmp`, hours(1)[0]!];
    expect(backgroundFilesToKeep(names, 12)).toEqual({
      keep: [hours(1)[0]],
      remove: [`${hours(1)[0]}.123-4.tmp`],
    });
  });
});
