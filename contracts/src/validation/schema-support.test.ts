import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Json, jsonMutationsArb } from '../testing/json-mutations.js';
import { compareWithZod } from '../testing/zod-differential.js';
import { compileValidator, uncompilableReason } from './compiled-validator.js';

// Schemas using what the message schemas do not, each with valid documents to mutate.
const cases: [string, z.ZodType, Json[]][] = [
  [
    'object that strips unknown keys, with optional, nullable and defaulted fields',
    z.object({
      a: z.number().int().optional(),
      b: z.string().max(3).nullable(),
      c: z.array(z.object({ d: z.boolean().default(false), e: z.number().default(() => 7) })).min(1),
      f: z.enum(['x', 'y']).default('x'),
      g: z.string().optional().nullable(),
    }),
    [
      { a: 1, b: 'ab', c: [{ d: true }, {}], f: 'y', extra: 1 },
      { b: null, c: [{ e: 2 }], g: null },
    ],
  ],
  ['loose object', z.looseObject({ id: z.string(), n: z.number().default(0) }), [{ id: 'a', other: [1] }]],
  [
    'union whose first option fills a default and then fails',
    z.union([
      z.strictObject({ kind: z.literal('n'), n: z.number().default(0) }),
      z.strictObject({ kind: z.literal('n'), s: z.string() }),
      z.number().multipleOf(0.1),
      z.array(z.object({ x: z.number().default(1) })),
    ]),
    [{ kind: 'n', s: 'x' }, { kind: 'n' }, 0.3, [{}, { x: 2, y: 3 }]],
  ],
  [
    'record of primitives',
    z.record(z.string().min(1).max(5), z.union([z.number(), z.string().max(3), z.boolean()])),
    [{ a: 1, b: 'x', c: true }, {}],
  ],
  [
    'record of objects with defaults',
    z.strictObject({ byId: z.record(z.string().regex(/^[a-z]+$/), z.object({ n: z.number().default(1) })) }),
    [{ byId: { a: { n: 2 }, b: {} } }],
  ],
  ['tuple', z.tuple([z.number(), z.string(), z.object({ z: z.boolean().default(true) })]), [[1, 'a', {}]]],
  [
    'tuple with a rest',
    z.tuple([z.number(), z.string()], z.boolean()),
    [
      [1, 'a', true, false],
      [1, 'b'],
    ],
  ],
  [
    'formats, regexes and overwrites',
    z.strictObject({
      url: z.url(),
      when: z.iso.datetime({ offset: true }),
      day: z.iso.date().optional(),
      id: z.uuid().optional(),
      name: z.string().trim().toLowerCase().min(2),
      tags: z.array(z.string().regex(/^#\w/g)).max(3),
    }),
    [
      {
        url: ' http://a.b/c\n',
        when: '2024-01-01T00:00:00+02:00',
        day: '2024-02-29',
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: ' Ab ',
        tags: ['#x', '#y'],
      },
      { url: 'https://x.org', when: '2024-01-01T00:00:00Z', name: 'ok', tags: [] },
    ],
  ],
  [
    'refinements, a superRefine and a conditional refinement',
    z
      .strictObject({
        lo: z.number(),
        hi: z.number(),
        note: z
          .string()
          .refine((s) => !s.includes('!'))
          .optional(),
      })
      .refine((o) => o.hi > o.lo)
      .superRefine((o, ctx) => {
        if (o.lo === 13) ctx.addIssue({ code: 'custom', message: 'unlucky' });
      })
      .refine((o) => o.hi < 1000, {
        when: (p) => p.issues.length === 0 && (p.value as { lo: number }).lo !== 0,
      }),
    [
      { lo: 1, hi: 2, note: 'x' },
      { lo: 0, hi: 5000 },
      { lo: 12, hi: 13 },
    ],
  ],
  [
    'discriminated union with defaults in its options',
    z.discriminatedUnion('t', [
      z.strictObject({ t: z.literal('a'), x: z.number().default(1) }),
      z.strictObject({ t: z.literal(['b', 'c']), y: z.string().optional() }),
      z.strictObject({ t: z.literal(2) }),
    ]),
    [{ t: 'a' }, { t: 'b', y: 'q' }, { t: 'c' }, { t: 2 }],
  ],
  [
    'optional, nullable, exactOptional and literal sets',
    z.strictObject({
      a: z.string().nullable().optional(),
      b: z.number().optional().nullable(),
      c: z.string().exactOptional(),
      d: z.literal([1, 'one', null, true]),
      e: z.null(),
      f: z.unknown(),
      g: z.string().default('g').nullable(),
    }),
    [
      { a: null, b: null, c: 'x', d: 1, e: null, f: [1] },
      { d: 'one', e: null, f: 0, g: null },
      { d: null, e: null },
    ],
  ],
  [
    'lengths in code points and number formats',
    z.strictObject({
      s: z.string().min(2).max(4),
      exact: z.string().length(2),
      i: z.int32(),
      u: z.uint32().optional(),
      f: z.float32().optional(),
      m: z.number().multipleOf(0.5).lt(5).gt(-5),
      list: z.array(z.number()).length(2),
    }),
    [
      { s: '😀😀', exact: '😀x', i: 1, u: 2, f: 1.5, m: 2.5, list: [1, 2] },
      { s: 'abcd', exact: 'ab', i: -(2 ** 31), m: -4.5, list: [0, 0] },
    ],
  ],
];

describe('compiled validator agrees with zod beyond the message schemas', () => {
  for (const [name, schema, docs] of cases) {
    for (const backend of ['generated', 'closures'] as const) {
      it(`property (${backend}): ${name}`, () => {
        expect(uncompilableReason(schema)).toBeUndefined();
        const check = compileValidator(schema, { backend })!;
        const tally = { accepted: 0, rejected: 0 };
        const docArb = fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...docs).chain((d) => jsonMutationsArb(d)) },
          { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
        );
        fc.assert(
          fc.property(docArb, (doc) => {
            const result = compareWithZod(schema, check, JSON.stringify(doc));
            expect(result.problem).toBeUndefined();
            tally[result.accepted ? 'accepted' : 'rejected']++;
          }),
          { numRuns: 400 },
        );
        expect(tally.accepted).toBeGreaterThan(20);
        expect(tally.rejected).toBeGreaterThan(20);
      });
    }
  }

  it('drops a __proto__ key where zod does, and refuses it where zod does', () => {
    const text = '{"id":"a","__proto__":{"polluted":true}}';
    for (const [schema, accepted] of [
      [z.object({ id: z.string() }), true],
      [z.looseObject({ id: z.string() }), true],
      [z.strictObject({ id: z.string() }), false],
      [z.record(z.string(), z.unknown()), true],
    ] as const) {
      const result = compareWithZod(schema, compileValidator(schema)!, text);
      expect(result).toEqual({ accepted });
    }
  });
});

describe('what is left to zod', () => {
  it('does not compile transforms, pipes and other schemas it cannot model', () => {
    type Tree = { children: Tree[] };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }));
    const unsupported: z.ZodType[] = [
      z.string().transform((s) => s.length),
      z.string().pipe(z.coerce.number()),
      z.preprocess((v) => v, z.string()),
      z.object({ n: z.coerce.number() }),
      z.object({ a: z.string().catch('x') }),
      z.object({ a: z.string().readonly() }),
      z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })),
      z.xor([z.string(), z.number()]),
      z.custom<string>((v) => typeof v === 'string'),
      z.object({ at: z.date() }),
      z.object({ a: z.number().default(1).optional() }),
      z.object({ a: z.string() }).catchall(z.number()),
      tree,
    ];
    for (const schema of unsupported) {
      expect(compileValidator(schema)).toBeUndefined();
      expect(uncompilableReason(schema)).toMatch(/: /);
    }
    expect(uncompilableReason(z.object({ a: z.object({ b: z.string().transform(Number) }) }))).toBe(
      'a.b: pipe schemas',
    );
  });

  it('says no, leaving the value as it was, when a refinement is async or throws', async () => {
    const asyncRefine = z.object({ n: z.number().default(1) }).refine(async () => true);
    const value = {};
    expect(compileValidator(asyncRefine)!(value)).toEqual({ ok: false });
    expect(value).toEqual({});
    expect(() => asyncRefine.safeParse({})).toThrow();
    expect((await asyncRefine.safeParseAsync({})).success).toBe(true);

    const throwing = z.object({ n: z.number() }).refine(() => {
      throw new Error('boom');
    });
    expect(compileValidator(throwing)!({ n: 1 })).toEqual({ ok: false });
    expect(() => throwing.safeParse({ n: 1 })).toThrow('boom');
  });

  it('says no when the root value itself would be replaced, so zod returns the new value', () => {
    const trimmed = z.string().trim();
    expect(compileValidator(trimmed)!(' a ')).toEqual({ ok: false });
    expect(compileValidator(trimmed)!('a')).toEqual({ ok: true, filledDefaults: false });
  });
});
