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
      posToken: z
        .string()
        .min(24)
        .optional()
        .describe(
          'Bearer token tills use to POST transactions (`HUB_POS_TOKEN`); POS over HTTP is off without it.',
        ),
      secureCookie: z
        .boolean()
        .default(false)
        .describe(
          'Mark the sign-in cookie `Secure` (named `__Host-hub_session`): turn on whenever browsers reach the hub over HTTPS.',
        ),
      trustedOrigins: z
        .array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s]+$/,
              'must be an origin like https://hub.example.com (no path, no trailing /)',
            ),
        )
        .default([])
        .describe(
          'Origins besides the hub’s own that may send signed-in writes, e.g. `https://hub.example.com` behind a proxy that rewrites Host.',
        ),
      publicUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
        .optional()
        .describe(
          'The hub’s address as gateways reach it, for update downloads (default: the address it listens on).',
        ),
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
      ingestConnections: z
        .number()
        .int()
        .min(1)
        .max(64)
        .default(8)
        .describe(
          "External broker: parallel ingest sessions in the share group (each has up to the broker's in-flight limit uncommitted).",
        ),
      shareGroup: z
        .string()
        .regex(/^[a-z0-9_-]*$/)
        .default('hub')
        .describe(
          'External broker: workers of this group split one `$share/{group}/retail/v1/#` subscription; empty for a plain one.',
        ),
    })
    .prefault({}),
  database: z
    .strictObject({
      url: z
        .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
        .optional()
        .describe('PostgreSQL (`--database-url`, `HUB_DATABASE_URL`); SQLite in `dataDir` when absent.'),
      schema: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/)
        .optional()
        .describe(
          'PostgreSQL schema to use, created if missing (`HUB_DATABASE_SCHEMA`); the URL’s default when absent.',
        ),
    })
    .prefault({}),
  ingest: z
    .strictObject({
      thread: z
        .enum(['worker', 'main'])
        .default('main')
        .describe(
          'Where decoding, database writes and roll-ups run: the main thread, or a worker thread with its own database connection (measured no faster on 2 cores; see `bench ingest --ingest-thread`).',
        ),
    })
    .prefault({}),
  workerId: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .default('main')
    .describe(
      "Names this worker's MQTT session when several hubs share a broker (`--worker-id`, `HUB_WORKER_ID`).",
    ),
  retention: z
    .strictObject({
      rawDays: z.number().int().min(1).default(35).describe('Days raw windows are kept.'),
      hourRollupDays: z.number().int().min(1).default(400).describe('Days hourly roll-ups are kept.'),
      dayRollupDays: z.number().int().min(1).default(3650).describe('Days daily roll-ups are kept.'),
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
