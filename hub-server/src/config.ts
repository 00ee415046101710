// The hub's one configuration: schema and defaults here, read once in load-config.ts from a JSON
// file, the environment and flags, with every problem reported at once by field path.
import { z } from 'zod';

export const hubConfigSchema = z.strictObject({
  http: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP API listens on.'),
      port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port (`--port`, `HUB_PORT`).'),
      fallbackToFreePort: z
        .boolean()
        .default(true)
        .describe('Take the next free port when the wanted one is busy (the demo on a PC).'),
    })
    .prefault({}),
  mqtt: z
    .strictObject({
      url: z
        .url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' })
        .optional()
        .describe(
          'External broker, e.g. mqtt://mosquitto:1883 (`--mqtt-url`, `HUB_MQTT_URL`); embedded aedes when absent.',
        ),
      username: z.string().min(1).optional().describe('For the external broker (`HUB_MQTT_USERNAME`).'),
      password: z.string().min(1).optional().describe('For the external broker (`HUB_MQTT_PASSWORD`).'),
      port: z
        .number()
        .int()
        .min(0)
        .max(65535)
        .default(1883)
        .describe(
          'Embedded broker port (`--mqtt-port`, `HUB_MQTT_PORT`); 1883 is the standard for store servers.',
        ),
      host: z.string().min(1).default('0.0.0.0').describe('Interface the embedded broker listens on.'),
      fallbackToFreePort: z
        .boolean()
        .default(true)
        .describe('When the embedded broker port is taken, say so and listen on a free port.'),
    })
    .prefault({}),
  dataDir: z
    .string()
    .min(1)
    .default('.data/hub')
    .describe('Where the hub keeps its data (`--data-dir`, `HUB_DATA_DIR`).'),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug'])
    .default('info')
    .describe('Log verbosity (`LOG_LEVEL`).'),
});

export type HubConfig = z.output<typeof hubConfigSchema>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;
