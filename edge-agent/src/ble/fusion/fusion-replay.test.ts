// The replay's projection of ids at window close: each observation gets what its track carries when the
// observation's window closes, never anything later.
import { describe, expect, it } from 'vitest';
import { idsAtWindowClose } from './fusion-replay.js';

describe('idsAtWindowClose', () => {
  it("gives an observation its track's ids as of its window's close (end + grace), and no later", () => {
    const obs = [
      { trackId: 't', ts: 10_000, x: 0, y: 0 },
      { trackId: 'u', ts: 20_000, x: 0, y: 0 },
      { trackId: 't', ts: 50_000, x: 0, y: 0, rotatingIds: ['a'] },
      { trackId: 't', ts: 90_000, x: 0, y: 0, rotatingIds: ['a'] },
      { trackId: 't', ts: 200_000, x: 0, y: 0, rotatingIds: ['b'] },
      { trackId: 'u', ts: 200_000, x: 0, y: 0, staff: true },
    ];
    const ids = idsAtWindowClose(obs, 60_000, 60_000);
    // t at 10 s: its window [0, 60 s) closes at 120 s, when t carried ['a'] (seen at 90 s).
    expect(ids[0]).toEqual(['a']);
    // u at 20 s: by 120 s it showed nothing more; its later staff flag is not taken back to it here.
    expect(ids[1]).toBeUndefined();
    expect(ids[2]).toEqual(['a']);
    // t at 90 s: window [60, 120) closes at 180 s; 'b' came at 200 s, too late.
    expect(ids[3]).toEqual(['a']);
    expect(ids[4]).toEqual(['b']);
    expect(ids[5]).toBeUndefined();
  });
});
