// The scenario file (`retail.scenario/v1`): everything a simulated trading day depends on besides the
// store layout and catalogue, which it names by path. One seed makes the whole run repeatable.
import { polygonSchema, slugSchema } from '@retail/contracts';
import { z } from 'zod';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Local wall-clock time `HH:MM`, read as minutes after local midnight. */
export const clockSchema = z
  .string()
  .regex(CLOCK, 'must be a local time like 08:30')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

const fraction = z.number().min(0).max(1);

/** Which products one side of a planted pair means: whole catalogue categories and/or single SKUs. */
export const productSelectorSchema = z
  .strictObject({
    categories: z.array(z.string().min(1)).default([]),
    skus: z.array(z.string().min(1)).default([]),
  })
  .refine((s) => s.categories.length + s.skus.length > 0, 'name at least one category or sku');

export const affinitySchema = z.strictObject({
  name: z.string().min(1).max(80),
  a: productSelectorSchema,
  b: productSelectorSchema,
  /** P(the mission adds a B item | it holds an A item and no B item), and symmetrically. */
  strength: fraction,
});

export const peakSchema = z.strictObject({
  at: clockSchema,
  /** One standard deviation of the peak, minutes. */
  widthMinutes: z.number().positive().max(600),
  /** Share of the day's arrivals that come with this peak. */
  share: fraction,
});

export const layoutChangeSchema = z.strictObject({
  /** 0-based day of the run from which the changed layout applies. */
  day: z.number().int().min(0),
  description: z.string().max(300).optional(),
  /** Planogram moves: these SKUs leave `from` and go onto `to`. */
  moveSkus: z
    .array(z.strictObject({ skus: z.array(z.string().min(1)).min(1), from: slugSchema, to: slugSchema }))
    .default([]),
  /** Fixture moves: the fixture gets a new outline (and zone, when it crosses into another). */
  moveFixtures: z
    .array(z.strictObject({ fixtureId: slugSchema, polygon: polygonSchema, zoneId: slugSchema.optional() }))
    .default([]),
});

export const scenarioSchema = z
  .strictObject({
    schema: z.literal('retail.scenario/v1'),
    name: slugSchema,
    description: z.string().min(1).max(1000),
    seed: z.number().int().min(0).max(0xffffffff),
    /** Paths relative to the scenario file. */
    layout: z.string().min(1),
    catalogue: z.string().min(1),
    /** The first trading day, local date `YYYY-MM-DD`. */
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-10'),
    days: z.number().int().min(1).max(366).default(1),
    /**
     * Local time minus UTC, minutes (Europe/London: 0 in winter, 60 in summer). One offset for the whole
     * run: a run across a daylight-saving change shifts by an hour, which the simulation does not model.
     */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    openingHours: z.strictObject({ open: clockSchema, close: clockSchema }),
    arrivals: z.strictObject({
      /** Expected shoppers per day (the count is Poisson around it). */
      perDay: z.number().min(0).max(100_000),
      peaks: z.array(peakSchema).default([]),
      /** Doors stay open, but nobody new comes in during the last minutes. */
      lastEntryMinutesBeforeClose: z.number().min(0).max(240).default(10),
      /** Relative weights of the entrances by id; the layout's entrances share equally when absent. */
      entranceWeights: z.record(z.string(), z.number().min(0)).optional(),
      /** Share of shoppers who leave by the entrance they came in (the rest take the nearest). */
      sameDoorFraction: fraction.default(0.8),
    }),
    shoppers: z
      .strictObject({
        /** Share of shoppers carrying the loyalty app with BLE opt-in. */
        optedInFraction: fraction,
        /** Share of shoppers who present a loyalty card at the till. */
        loyaltyCardFraction: fraction,
        /** Share of app users who also scan their card; the card-only share is solved around it. */
        appUsersScanCard: fraction.default(0.85),
        /** Distinct loyalty members; repeat visits over a multi-day run come from this pool. */
        memberPool: z.number().int().min(1).max(10_000_000).default(5000),
        speedMps: z
          .strictObject({ min: z.number().min(0.3).max(3), max: z.number().min(0.3).max(3) })
          .prefault({ min: 1.0, max: 1.4 }),
      })
      .refine((s) => s.speedMps.min <= s.speedMps.max, { path: ['speedMps'], message: 'min must be ≤ max' }),
    staff: z
      .strictObject({
        /** People on the floor (the layout's staff tag count when absent); the first ones wear its tags. */
        count: z.number().int().min(0).max(200).optional(),
      })
      .prefault({}),
    basket: z
      .strictObject({
        /** Mean planned items per shopping mission (1 + Poisson). */
        meanItems: z.number().min(1).max(100).default(8),
        /** Share of shoppers with no list at all (they buy only on impulse). */
        browserFraction: fraction.default(0.05),
        /** Relative popularity per catalogue category (1 when absent). */
        categoryWeights: z.record(z.string(), z.number().min(0)).default({}),
        /** Relative popularity per SKU, multiplied into its category's. */
        skuWeights: z.record(z.string(), z.number().min(0)).default({}),
        /** Log-normal σ of the per-SKU popularity noise around its category weight. */
        popularitySpread: z.number().min(0).max(3).default(0.5),
        /** Metres within which a shopper sees a fixture's products. */
        exposureRadiusM: z.number().positive().max(10).default(2),
        /** P(impulse buy) of an exposed product of average popularity. */
        impulseBase: fraction.default(0.004),
        /** Extra P(impulse buy) of an exposed B while carrying an A of a planted pair, per unit strength. */
        affineImpulse: fraction.default(0.6),
        /** Median browse time at a stop, seconds (log-normal σ 0.6, 3 s to 3 min, +8 s per extra item). */
        browseSeconds: z.number().min(1).max(600).default(40),
      })
      .prefault({}),
    checkout: z
      .strictObject({
        /** Checkout fixture ids in use; every `checkout` fixture when absent. */
        lanes: z.array(slugSchema).optional(),
        serviceSecondsBase: z.number().min(0).max(600).default(25),
        secondsPerItem: z.number().min(0).max(60).default(3),
      })
      .prefault({}),
    affinities: z.array(affinitySchema).default([]),
    /** Zones shoppers rarely go to: products stocked only there get their popularity scaled by `factor`. */
    coldZones: z.array(z.strictObject({ zoneId: slugSchema, factor: z.number().min(0).max(1) })).default([]),
    layoutChange: layoutChangeSchema.optional(),
    /** Unit prices by SKU; others get a stable price derived from the SKU. */
    prices: z.record(z.string(), z.number().min(0)).default({}),
    /** Ground-truth trajectory sampling rate. */
    sampleHz: z.number().positive().max(30).default(2),
  })
  .superRefine((s, ctx) => {
    if (s.openingHours.close <= s.openingHours.open) {
      ctx.addIssue({ code: 'custom', path: ['openingHours', 'close'], message: 'must be after open' });
    }
    const shares = s.arrivals.peaks.reduce((sum, p) => sum + p.share, 0);
    if (shares > 1 + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrivals', 'peaks'],
        message: 'peak shares add up to more than 1',
      });
    }
    if (s.layoutChange && s.layoutChange.day >= s.days) {
      ctx.addIssue({ code: 'custom', path: ['layoutChange', 'day'], message: `must be < days (${s.days})` });
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Affinity = Scenario['affinities'][number];
export type ProductSelector = Affinity['a'];
export type LayoutChange = NonNullable<Scenario['layoutChange']>;
