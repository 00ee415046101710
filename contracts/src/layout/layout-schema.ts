// The store layout document: floor, zones, fixtures (planogram), entrances, cameras, beacon scanners,
// gateways and staff tags. Shapes only; the cross-field rules live in layout-checks.ts.
import { z } from 'zod';
import { polygonProblem } from '../geometry.js';
import { gatewayIdSchema, slugSchema } from '../ids.js';
import { isValidTimeZone } from '../store-periods.js';

const finite = z.number().finite();
export const vec2Schema = z.tuple([finite, finite]);

export const polygonSchema = z
  .array(vec2Schema)
  .min(3, 'a polygon needs at least 3 points')
  .max(512)
  .superRefine((poly, ctx) => {
    const problem = polygonProblem(poly);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ZONE_KINDS = ['entrance', 'aisle', 'department', 'checkout', 'display', 'staff-only'] as const;
export const FIXTURE_KINDS = [
  'shelf',
  'end-cap',
  'display',
  'fridge',
  'freezer',
  'counter',
  'checkout',
  'bin',
] as const;
export const CAMERA_MOUNTINGS = ['overhead', 'oblique', 'auto'] as const;

export const floorSchema = z.strictObject({
  /** Extent along x, metres. */
  width: z.number().positive().max(1000),
  /** Extent along y, metres. */
  depth: z.number().positive().max(1000),
  /** Where (0, 0) is when the plan is drawn: y grows down from the top-left, or up from the bottom-left. */
  origin: z.enum(['top-left', 'bottom-left']).default('top-left'),
  background: z.strictObject({ image: z.string().min(1), pixelsPerMetre: z.number().positive() }).optional(),
  /** Where shoppers can walk; the whole floor when absent. Obstacles and fixtures are cut out of it. */
  walkable: z.array(polygonSchema).optional(),
  obstacles: z.array(polygonSchema).default([]),
});

export const zoneSchema = z.strictObject({
  id: slugSchema,
  name: z.string().min(1).max(120),
  kind: z.enum(ZONE_KINDS),
  polygon: polygonSchema,
});

export const fixtureSchema = z.strictObject({
  id: slugSchema,
  name: z.string().min(1).max(120).optional(),
  kind: z.enum(FIXTURE_KINDS),
  zoneId: slugSchema,
  polygon: polygonSchema,
  /** Category names as in the catalogue (the planogram at category level). */
  categories: z.array(z.string().min(1).max(120)).default([]),
  skus: z.array(z.string().min(1).max(64)).default([]),
});

export const entranceSchema = z.strictObject({
  id: slugSchema,
  name: z.string().min(1).max(120),
  /** The counting line, two floor points. */
  line: z.tuple([vec2Schema, vec2Schema]),
  /**
   * Which side of the directed line line[0] → line[1] is inside the store, by the sign of the cross
   * product (line[1] − line[0]) × (p − line[0]) in floor coordinates: positive is 'left'. This is the
   * mathematical convention whatever `floor.origin` says; on a plan drawn y-down it looks mirrored.
   */
  inside: z.enum(['left', 'right']),
});

export const calibrationPointSchema = z.strictObject({
  image: vec2Schema,
  floor: vec2Schema,
});

export const cameraSchema = z.strictObject({
  id: slugSchema,
  gatewayId: gatewayIdSchema,
  resolution: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive() }),
  mounting: z.enum(CAMERA_MOUNTINGS),
  /** Lens height above the floor, metres. */
  heightM: z.number().positive().max(20).optional(),
  /** Image px ⇄ floor m pairs from which the homography is solved; at least four, not all on a line. */
  calibration: z.array(calibrationPointSchema).min(4, 'a homography needs at least 4 calibration pairs'),
  /** Image regions (pixels) blanked before detection, e.g. a window onto the street. */
  privacyMasks: z.array(polygonSchema).default([]),
  source: z.string().min(1).optional(),
});

export const scannerSchema = z.strictObject({
  id: slugSchema,
  gatewayId: gatewayIdSchema,
  position: z.strictObject({ x: finite, y: finite, z: z.number().min(0).max(20) }),
  calibration: z
    .strictObject({
      /** Received power at 1 m, dBm. */
      rssiAt1m: z.number().min(-100).max(0),
      pathLossExponent: z.number().min(1).max(6),
    })
    .default({ rssiAt1m: -59, pathLossExponent: 2 }),
});

export const gatewaySchema = z.strictObject({
  id: gatewayIdSchema,
  name: z.string().min(1).max(120),
});

export const staffTagSchema = z.strictObject({
  beaconId: z.string().min(1).max(64),
  /** A role, never a person's name. */
  role: z.string().max(60).optional(),
});

export const storeLayoutBaseSchema = z.strictObject({
  schema: z.literal('retail.layout/v1'),
  storeId: slugSchema,
  name: z.string().min(1).max(120),
  /** IANA time zone of the store, for trading days and opening hours. */
  timezone: z
    .string()
    .min(1)
    .refine(isValidTimeZone, 'must be an IANA time zone, e.g. "Europe/London"')
    .default('UTC'),
  layoutVersion: z.number().int().positive(),
  /** When this version of the layout took effect (ISO 8601). */
  effectiveFrom: z.iso.datetime({ offset: true }),
  floor: floorSchema,
  zones: z.array(zoneSchema).min(1),
  fixtures: z.array(fixtureSchema).default([]),
  entrances: z.array(entranceSchema).default([]),
  gateways: z.array(gatewaySchema).default([]),
  cameras: z.array(cameraSchema).default([]),
  scanners: z.array(scannerSchema).default([]),
  staffTags: z.array(staffTagSchema).default([]),
});
