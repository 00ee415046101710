// Laws of the update state machine, over any sequence of updates, starts, confirmations and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeVersion,
  beginPending,
  confirmPending,
  countStart,
  decideOnStart,
  initialState,
  otherSlot,
  refuseUpdate,
  rollBack,
  type UpdateState,
} from './update-state.js';

const op = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), version: fc.constantFrom('2', '3', '4') }),
  fc.record({ kind: fc.constant('start' as const) }),
  fc.record({ kind: fc.constant('confirm' as const) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
);

describe('update state', () => {
  it('runs a version on probation only in the other slot, and always falls back to the last good one', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let s: UpdateState = initialState('a', '1');
        let now = 0;
        let good = { slot: s.active, version: activeVersion(s) };
        for (const o of ops) {
          if (o.kind === 'update' && !refuseUpdate(s, o.version) && activeVersion(s) !== o.version) {
            s = beginPending(s, { version: o.version, slot: otherSlot(s.active), deadline: now + 60_000 });
            expect(s.pending?.from).toBe(good.slot);
          } else if (o.kind === 'start') {
            const d = decideOnStart(s, now, 3);
            if (d.action === 'rollback') s = rollBack(s, d.reason, now);
            else s = countStart(s);
          } else if (o.kind === 'confirm') s = confirmPending(s, now);
          else if (o.kind === 'tick') now += o.ms;
          if (s.pending) expect(s.active).toBe(s.pending.slot);
          else good = { slot: s.active, version: activeVersion(s) };
          // The last good version is never overwritten while another is on probation.
          if (s.pending) expect(s.versions[good.slot]).toBe(good.version);
          expect(s.pending === null || s.pending.starts <= 3).toBe(true);
        }
      }),
    );
  });

  it('gives up on probation at the deadline or after maxStarts starts', () => {
    const s = beginPending(initialState('a', '1'), { version: '2', slot: 'b', deadline: 100 });
    expect(decideOnStart(s, 99, 2)).toEqual({ action: 'trial', start: 1 });
    expect(decideOnStart(s, 100, 2)).toMatchObject({ action: 'rollback' });
    expect(decideOnStart(countStart(countStart(s)), 0, 2)).toMatchObject({ action: 'rollback' });
    const back = rollBack(s, 'why', 5);
    expect(back).toMatchObject({ active: 'a', previous: 'b', pending: null, last: { reason: 'why', at: 5 } });
    expect(refuseUpdate(back, '2')).toMatch(/rolled back: why/);
    expect(refuseUpdate(back, '3')).toBeNull();
  });
});
