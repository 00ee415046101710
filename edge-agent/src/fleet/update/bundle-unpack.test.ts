// Which archive listings may be unpacked into a slot, and how many folders are stripped.
import { describe, expect, it } from 'vitest';
import { planUnpack } from './bundle-unpack.js';

describe('planUnpack', () => {
  it('finds VERSION at the top, under ./, or in one wrapping folder', () => {
    expect(planUnpack(['VERSION', 'bin/', 'bin/edge-agent.js'])).toEqual({ strip: 0 });
    expect(planUnpack(['./', './VERSION', './bin/x'])).toEqual({ strip: 1 });
    expect(planUnpack(['edge-2/', 'edge-2/VERSION', 'edge-2/node'])).toEqual({ strip: 1 });
    expect(planUnpack(['./edge-2/', './edge-2/VERSION'])).toEqual({ strip: 2 });
  });

  it('refuses archives without VERSION or with entries outside the slot', () => {
    expect(planUnpack(['bin/x'])).toEqual({ reason: 'bundle has no VERSION file at its top level' });
    expect(planUnpack(['a/VERSION', 'b/x'])).toHaveProperty('reason');
    expect(planUnpack(['VERSION', '../etc/passwd'])).toEqual({
      reason: 'bundle entry "../etc/passwd" escapes the slot',
    });
    expect(planUnpack(['VERSION', '/etc/passwd'])).toHaveProperty('reason');
  });
});
