import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceFrame } from '../frame.js';
import { LatestFrameSlot } from './latest-frame-slot.js';

const frame = (seq: number): SourceFrame => ({
  kind: 'encoded',
  seq,
  ts: seq * 40,
  data: new Uint8Array([seq & 255]),
});

describe('LatestFrameSlot', () => {
  it('keeps only the newest frame while nobody takes, counting the replaced ones as dropped', async () => {
    const slot = new LatestFrameSlot();
    for (let i = 0; i < 5; i++) slot.put(frame(i));
    expect(await slot.take()).toMatchObject({ seq: 4 });
    expect(slot.counts()).toEqual({ received: 5, delivered: 1, dropped: 4 });
  });

  it('hands a frame straight to a waiting consumer, without dropping', async () => {
    const slot = new LatestFrameSlot();
    const waiting = slot.take();
    slot.put(frame(1));
    slot.put(frame(2));
    expect(await waiting).toMatchObject({ seq: 1 });
    expect(await slot.take()).toMatchObject({ seq: 2 });
    expect(slot.counts()).toEqual({ received: 2, delivered: 2, dropped: 0 });
  });

  it('after close delivers the waiting frame, then null; close(true) drops it instead', async () => {
    const ran = new LatestFrameSlot();
    ran.put(frame(7));
    ran.close();
    expect(await ran.take()).toMatchObject({ seq: 7 });
    expect(await ran.take()).toBeNull();

    const stopped = new LatestFrameSlot();
    stopped.put(frame(7));
    const later = new LatestFrameSlot();
    const waiting = later.take();
    stopped.close(true);
    later.close(true);
    expect(await stopped.take()).toBeNull();
    expect(await waiting).toBeNull();
    expect(stopped.counts()).toEqual({ received: 1, delivered: 0, dropped: 1 });
    stopped.put(frame(8));
    expect(stopped.counts().received).toBe(1);
  });

  it('rejects a take with the abort reason, and the next frame goes to the next taker', async () => {
    const slot = new LatestFrameSlot();
    const ac = new AbortController();
    const aborted = slot.take(ac.signal);
    ac.abort(new Error('consumer gone'));
    await expect(aborted).rejects.toThrow('consumer gone');
    await expect(slot.take(ac.signal)).rejects.toThrow('consumer gone');
    slot.put(frame(3));
    expect(await slot.take()).toMatchObject({ seq: 3 });
    expect(slot.counts()).toEqual({ received: 1, delivered: 1, dropped: 0 });
  });

  it('law: received = delivered + dropped + waiting, and a take gets the newest frame put', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('put', 'take'), { maxLength: 200 }), async (ops) => {
        const slot = new LatestFrameSlot();
        let seq = 0;
        for (const op of ops) {
          if (op === 'put') slot.put(frame(seq++));
          else if (slot.full) expect((await slot.take())?.seq).toBe(seq - 1);
          const { received, delivered, dropped } = slot.counts();
          expect(received).toBe(delivered + dropped + (slot.full ? 1 : 0));
        }
      }),
    );
  });
});
