// `metrics`: how the gateway itself is doing over one window (fleet health, bandwidth).
import { z } from 'zod';
import { checkWindow, countSchema, envelopeFields, refIdSchema, windowFields } from './envelope.js';

/**
 * The shoppers' positions one camera put on the floor during the window (its confirmed tracks, every
 * frame, the hits before each was confirmed included, before cameras are fused) and how many of them fell farther off the floor plan than
 * projection error explains: a share that climbs names the camera whose calibration no longer fits.
 */
export const cameraFloorFitSchema = z
  .strictObject({ positions: countSchema, offFloor: countSchema })
  .refine((f) => f.offFloor <= f.positions, {
    message: 'offFloor cannot exceed positions',
    path: ['offFloor'],
  });
export type CameraFloorFit = z.output<typeof cameraFloorFitSchema>;

export const cameraMetricsSchema = z.strictObject({
  cameraId: refIdSchema,
  fps: z.number().finite().min(0),
  framesDropped: countSchema,
  detectorLatencyMs: z.strictObject({ p50: z.number().min(0), p95: z.number().min(0) }),
  online: z.boolean(),
  /** Absent when the gateway has no floor plan to check positions against. */
  floor: cameraFloorFitSchema.optional(),
});

export const scannerMetricsSchema = z.strictObject({
  scannerId: refIdSchema,
  advertisementsPerS: z.number().finite().min(0),
  online: z.boolean(),
});

/**
 * What became of the track positions handed to the window's aggregation: `received` all of them,
 * `staff` left out by design, `offFloor` farther off the floor plan than projection error explains
 * (many of them: a camera whose calibration no longer fits), `ignored` late, out of order or
 * malformed. Counts only; no position leaves the gateway this way.
 */
export const observationMetricsSchema = z.strictObject({
  received: countSchema,
  staff: countSchema,
  offFloor: countSchema,
  ignored: countSchema,
});
export type ObservationMetrics = z.output<typeof observationMetricsSchema>;

export const metricsMessageSchema = z
  .strictObject({
    ...envelopeFields,
    ...windowFields,
    cameras: z.array(cameraMetricsSchema).max(64),
    scanners: z.array(scannerMetricsSchema).max(256),
    /** Where the board reports it. */
    cpuTempC: z.number().finite().min(-40).max(150).optional(),
    /** Messages waiting in the durable outbox at the window's end. */
    outboxDepth: countSchema,
    /** Messages the outbox dropped (by its policy) during the window. */
    outboxDropped: countSchema,
    /** Payload bytes acknowledged by the broker during the window: bandwidth = bytesSent / window. */
    bytesSent: countSchema,
    uptimeS: z.number().min(0),
    /** Absent when the gateway has no store layout yet (it aggregates nothing). */
    observations: observationMetricsSchema.optional(),
  })
  .superRefine(checkWindow);
export type MetricsMessage = z.output<typeof metricsMessageSchema>;
