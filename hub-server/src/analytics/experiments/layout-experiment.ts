// A layout change registered as an experiment: when it took effect, in which stores, which SKUs moved
// and which pairs it should bring together, and what to compare against (control stores, or control
// categories in the same stores). Validated once when registered; the evaluation trusts it.
// A side of a pair is one SKU or a group of SKUs of which any one counts (every paint of the paint
// wall): "baskets with paint and brushes" is then one pair, not the mean of 18 SKU pairs.
import { slugSchema, type Validated, validate } from '@retail/contracts';
import { z } from 'zod';

const sku = z.string().min(1).max(64);
const pairSide = z.union([sku, z.array(sku).min(1).max(500)]);
const pair = z.tuple([pairSide, pairSide]);

export const layoutExperimentSchema = z
  .strictObject({
    id: slugSchema,
    description: z.string().max(500).optional(),
    /** First trading day under the new layout, YYYY-MM-DD. */
    date: z.iso.date(),
    stores: z.array(slugSchema).min(1),
    movedSkus: z.array(sku).min(1),
    /** Pairs whose co-purchase the move should raise; a side is a SKU or a group of SKUs (any of). */
    pairs: z.array(pair).default([]),
    control: z.union([
      z.strictObject({ stores: z.array(slugSchema).min(1) }),
      z.strictObject({
        /** Categories untouched by the change, in the same stores. */
        categories: z.array(z.string().min(1).max(120)).min(1),
        /** Untouched pairs for the co-purchase comparison; without them only sales are compared. */
        pairs: z.array(pair).default([]),
      }),
    ]),
  })
  .superRefine((e, ctx) => {
    if ('stores' in e.control) {
      const treated = new Set(e.stores);
      e.control.stores.forEach((s, i) => {
        if (treated.has(s)) {
          ctx.addIssue({
            code: 'custom',
            path: ['control', 'stores', i],
            message: `store "${s}" is also treated`,
          });
        }
      });
    }
  });

export type LayoutExperimentInput = z.input<typeof layoutExperimentSchema>;
export type LayoutExperiment = z.output<typeof layoutExperimentSchema>;
/** One SKU, or SKUs of which any one makes a basket hold this side. */
export type PairSide = z.output<typeof pairSide>;
export type ProductPair = readonly [PairSide, PairSide];

/** Registered experiments by id; storage belongs to an adapter, this holds the rules. */
export class ExperimentRegistry {
  private readonly byId = new Map<string, LayoutExperiment>();

  /** Validates and adds; refuses an id already registered. */
  register(input: unknown): Validated<LayoutExperiment> {
    const result = validate(layoutExperimentSchema, input);
    if (!result.ok) return result;
    if (this.byId.has(result.value.id)) {
      return {
        ok: false,
        issues: [{ path: 'id', message: `experiment "${result.value.id}" is already registered` }],
      };
    }
    this.byId.set(result.value.id, result.value);
    return result;
  }

  get(id: string): LayoutExperiment | undefined {
    return this.byId.get(id);
  }

  list(): LayoutExperiment[] {
    return [...this.byId.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
    );
  }
}
