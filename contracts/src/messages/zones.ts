// `zones`: per-zone traffic, dwell and occupancy over one window, and zone-to-zone transitions. A zone
// or transition under k in a window is held by the gateway and added to its next windows of the store's
// hour until k distinct shoppers are reached, so its figures may include a few earlier minutes.
import { z } from 'zod';
import {
  checkWindow,
  countSchema,
  envelopeFields,
  noisyCountSchema,
  refIdSchema,
  windowFields,
} from './envelope.js';

export const dwellSummarySchema = z.strictObject({
  meanS: z.number().finite().min(0),
  p50S: z.number().finite().min(0),
  p90S: z.number().finite().min(0),
  maxS: z.number().finite().min(0),
});

export const zoneStatSchema = z.strictObject({
  zoneId: refIdSchema,
  /** Entries into the zone during the window. */
  visits: noisyCountSchema,
  /**
   * Distinct shopper tracks present in the zone during the window (seen inside, or leaving during it):
   * everyone who contributes to the zone's figures, which is what k must cover.
   */
  shoppers: noisyCountSchema,
  /** Visits that stayed at least the stop threshold. */
  stops: noisyCountSchema,
  /**
   * Visits that were their track's first into this zone: summed over windows, how many distinct shoppers
   * the zone reached (one who steps out and back in counts once in it, twice in `visits`). Absent from
   * gateways older than it.
   */
  firstVisits: noisyCountSchema.optional(),
  dwell: dwellSummarySchema,
  peakOccupancy: noisyCountSchema,
});

export const zoneTransitionSchema = z.strictObject({
  from: refIdSchema,
  to: refIdSchema,
  count: noisyCountSchema,
});

export const zonesMessageSchema = z
  .strictObject({
    ...envelopeFields,
    ...windowFields,
    k: z.number().int().min(1),
    epsilon: z.number().positive().optional(),
    /** Dwell at least this long counts as a stop. */
    stopThresholdS: z.number().positive(),
    zones: z.array(zoneStatSchema).max(2000),
    transitions: z.array(zoneTransitionSchema).max(20_000),
    /** Zones withheld from this window (under k): held for a later window of the hour, or dropped at its end. */
    suppressedZones: countSchema,
  })
  .superRefine(checkWindow);
export type ZonesMessage = z.output<typeof zonesMessageSchema>;
export type ZoneStat = z.output<typeof zoneStatSchema>;
