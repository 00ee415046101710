// Reads the hub's configuration once: JSON file (optional), then environment, then flags, each
// overriding the one before; validates the result and reports every problem by field path.
import { readFile } from 'node:fs/promises';
import { fieldIssues } from '@retail/contracts';
import { type HubConfig, type HubConfigInput, hubConfigSchema } from './config.js';

export interface ConfigSources {
  file?: string;
  env: NodeJS.ProcessEnv;
  flags: {
    port?: string;
    mqttUrl?: string;
    mqttPort?: string;
    dataDir?: string;
    databaseUrl?: string;
    workerId?: string;
  };
}

export class ConfigError extends Error {}

function numberOrText(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

export async function loadHubConfig(sources: ConfigSources): Promise<HubConfig> {
  let base: HubConfigInput = {};
  if (sources.file) {
    try {
      base = JSON.parse(await readFile(sources.file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`cannot read config file ${sources.file}: ${(err as Error).message}`);
    }
  }
  const { env, flags } = sources;
  const http: Record<string, unknown> = { ...(base.http ?? {}) };
  const mqtt: Record<string, unknown> = { ...(base.mqtt ?? {}) };
  const port = flags.port ?? env.HUB_PORT;
  if (port !== undefined) http.port = numberOrText(port);
  if (env.HUB_POS_TOKEN) http.posToken = env.HUB_POS_TOKEN;
  const mqttUrl = flags.mqttUrl ?? env.HUB_MQTT_URL;
  if (mqttUrl !== undefined) mqtt.url = mqttUrl;
  const mqttPort = flags.mqttPort ?? env.HUB_MQTT_PORT;
  if (mqttPort !== undefined) mqtt.port = numberOrText(mqttPort);
  if (env.HUB_MQTT_USERNAME) mqtt.username = env.HUB_MQTT_USERNAME;
  if (env.HUB_MQTT_PASSWORD) mqtt.password = env.HUB_MQTT_PASSWORD;
  const database: Record<string, unknown> = { ...(base.database ?? {}) };
  const databaseUrl = flags.databaseUrl ?? env.HUB_DATABASE_URL;
  if (databaseUrl !== undefined) database.url = databaseUrl;
  if (env.HUB_DATABASE_SCHEMA) database.schema = env.HUB_DATABASE_SCHEMA;
  const workerId = flags.workerId ?? env.HUB_WORKER_ID;
  const merged = {
    ...base,
    http,
    mqtt,
    database,
    ...(workerId !== undefined && { workerId }),
    ...((flags.dataDir ?? env.HUB_DATA_DIR) && { dataDir: flags.dataDir ?? env.HUB_DATA_DIR }),
    ...(env.LOG_LEVEL && { logLevel: env.LOG_LEVEL }),
  };
  const r = hubConfigSchema.safeParse(merged);
  if (!r.success) {
    const lines = fieldIssues(r.error).map((i) => `  ${i.path}: ${i.message}`);
    throw new ConfigError(`invalid hub configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}
