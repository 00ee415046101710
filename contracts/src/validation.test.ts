import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validate } from './validation.js';

describe('validate', () => {
  const schema = z.strictObject({
    storeId: z.string(),
    fixtures: z.array(z.strictObject({ zoneId: z.string(), height: z.number().optional() })),
  });

  it('names a missing field as required, with the type it wants', () => {
    const r = validate(schema, { fixtures: [{}] });
    expect(r).toEqual({
      ok: false,
      issues: [
        { path: 'storeId', message: 'required (string)' },
        { path: 'fixtures[0].zoneId', message: 'required (string)' },
      ],
    });
  });

  it("keeps zod's message for a field of the wrong type, and a schema's own message", () => {
    const r = validate(schema, { storeId: 7, fixtures: [{ zoneId: 'a', height: 'tall' }], extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({
      path: 'storeId',
      message: 'Invalid input: expected string, received number',
    });
    expect(r.issues).toContainEqual({
      path: 'fixtures[0].height',
      message: 'Invalid input: expected number, received string',
    });
    expect(r.issues.map((i) => i.path)).toContain('(root)');
    const own = validate(z.string({ error: () => 'a store id' }), undefined);
    expect(own).toEqual({ ok: false, issues: [{ path: '(root)', message: 'a store id' }] });
  });
});
