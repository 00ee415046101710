import { describe, expect, it } from 'vitest';
import { releaseTransitions, ZoneTransitions } from './zone-transitions.js';

describe('ZoneTransitions', () => {
  it('links consecutive distinct zones of a track, across a stretch in no zone', () => {
    const transitions = new ZoneTransitions();
    for (const zone of ['produce', 'produce', undefined, 'bakery', 'end-cap', 'produce']) {
      transitions.update('t1', zone);
    }
    expect(transitions.close()).toEqual([
      { from: 'bakery', to: 'end-cap', count: 1, tracks: new Set(['t1']) },
      { from: 'end-cap', to: 'produce', count: 1, tracks: new Set(['t1']) },
      { from: 'produce', to: 'bakery', count: 1, tracks: new Set(['t1']) },
    ]);
    transitions.update('t1', 'bakery'); // carried over: the track was last in produce
    transitions.forget('t1');
    transitions.update('t1', 'produce'); // a forgotten track starts afresh
    expect(transitions.close()).toEqual([
      { from: 'produce', to: 'bakery', count: 1, tracks: new Set(['t1']) },
    ]);
  });

  it('publishes a transition only when k distinct tracks made it', () => {
    const transitions = new ZoneTransitions();
    for (let i = 0; i < 3; i++) {
      transitions.update('pacer', 'a');
      transitions.update('pacer', 'b');
    }
    transitions.update('x', 'b');
    transitions.update('x', 'a');
    transitions.update('y', 'b');
    transitions.update('y', 'a');
    const tallies = transitions.close();
    expect(tallies).toEqual([
      { from: 'a', to: 'b', count: 3, tracks: new Set(['pacer']) },
      { from: 'b', to: 'a', count: 4, tracks: new Set(['pacer', 'x', 'y']) },
    ]);
    expect(releaseTransitions(tallies, { k: 3, release: (n) => n })).toEqual({
      transitions: [{ from: 'b', to: 'a', count: 4 }],
      withheld: [tallies[0]],
    });
  });
});
