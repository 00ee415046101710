// The gateway's one configuration file: who it is, where the hub's broker is, and its settings.
// Defaults here; read and validated once in load-config.ts.
import { gatewayIdSchema, gatewaySettingsSchema, slugSchema } from '@retail/contracts';
import { z } from 'zod';
import { bleConfigSchema } from './ble/ble-config.js';
import { outboxConfigSchema } from './outbox/outbox-config.js';
import { visionConfigSchema } from './vision/vision-config.js';

export const edgeConfigSchema = z.strictObject({
  storeId: slugSchema.describe('The store this gateway is in (lower-case id).'),
  gatewayId: gatewayIdSchema.describe('This gateway (lower-case id; "pos" and "hub" are reserved).'),
  mqtt: z.strictObject({
    url: z
      .url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' })
      .describe("The hub's broker (`--mqtt-url`, `EDGE_MQTT_URL`)."),
    username: z.string().min(1).optional().describe('Broker user name (from provisioning).'),
    password: z.string().min(1).optional().describe('Broker password (from provisioning).'),
    clientId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Stable MQTT client id; default `edge-{storeId}-{gatewayId}`.'),
    tls: z
      .strictObject({
        ca: z.string().min(1).optional().describe('CA certificate (PEM file) of the broker.'),
        cert: z.string().min(1).optional().describe('Client certificate (PEM file).'),
        key: z.string().min(1).optional().describe('Client private key (PEM file).'),
      })
      .refine((t) => (t.cert === undefined) === (t.key === undefined), {
        path: ['key'],
        message: 'a client certificate needs its key, and a key its certificate',
      })
      .optional()
      .describe('TLS: the broker CA (server authentication) and/or a client certificate.'),
  }),
  layoutFile: z
    .string()
    .min(1)
    .optional()
    .describe('Store layout JSON, relative to this file, used until the hub pushes one.'),
  dataDir: z
    .string()
    .min(1)
    .default('.data/edge')
    .describe(
      'Where the gateway keeps its state: sequence numbers, accepted config, outbox (`--data-dir`, `EDGE_DATA_DIR`).',
    ),
  settings: gatewaySettingsSchema
    .prefault({})
    .describe('Behaviour; the hub may replace it through `config`.'),
  outbox: outboxConfigSchema
    .prefault({})
    .describe('The durable outbox: bounds, drop order when full, retries.'),
  vision: visionConfigSchema
    .prefault({})
    .describe('Cameras: frame sources, detectors per mounting, tracker thresholds.'),
  ble: bleConfigSchema
    .prefault({})
    .describe('BLE: reception sources, positioning method and calibration walk, loyalty-app linking.'),
});

export type EdgeConfig = z.output<typeof edgeConfigSchema>;
export type EdgeConfigInput = z.input<typeof edgeConfigSchema>;
