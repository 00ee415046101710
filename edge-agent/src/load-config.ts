// Reads the gateway's config file (and the layout it names) once, reporting every problem by path.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fieldIssues, type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import { type EdgeConfig, edgeConfigSchema } from './config.js';

export class ConfigError extends Error {}

export interface LoadedConfig {
  config: EdgeConfig;
  layout?: StoreLayout;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `overrides` come from flags and environment (e.g. the broker URL the demo hub ended up on). */
export interface ConfigOverrides {
  mqttUrl?: string;
  dataDir?: string;
  /** A provisioning credentials file: {"username", "password"}. */
  credentialsFile?: string;
}

export async function loadEdgeConfig(file: string, overrides: ConfigOverrides = {}): Promise<LoadedConfig> {
  const raw = (await readJson(file, 'config file')) as Record<string, unknown>;
  const mqtt: Record<string, unknown> = { ...(raw.mqtt as object) };
  if (overrides.mqttUrl !== undefined) mqtt.url = overrides.mqttUrl;
  if (overrides.credentialsFile !== undefined) {
    const creds = (await readJson(overrides.credentialsFile, 'credentials file')) as Record<
      string,
      unknown
    > | null;
    if (typeof creds?.username !== 'string' || typeof creds.password !== 'string') {
      throw new ConfigError(
        `credentials file ${overrides.credentialsFile} needs "username" and "password" strings`,
      );
    }
    mqtt.username = creds.username;
    mqtt.password = creds.password;
  }
  const merged = { ...raw, mqtt, ...(overrides.dataDir !== undefined && { dataDir: overrides.dataDir }) };
  const parsed = edgeConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = fieldIssues(parsed.error).map((i) => `  ${i.path}: ${i.message}`);
    throw new ConfigError(`invalid gateway config ${file}:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (!config.layoutFile) return { config };
  // Relative paths in the config are relative to the config file, so a config folder can be moved whole.
  const layoutPath = path.resolve(path.dirname(file), config.layoutFile);
  const layout = storeLayoutSchema.safeParse(await readJson(layoutPath, 'layout file'));
  if (!layout.success) {
    const lines = fieldIssues(layout.error).map((i) => `  ${i.path}: ${i.message}`);
    throw new ConfigError(`invalid layout ${layoutPath}:\n${lines.join('\n')}`);
  }
  if (layout.data.storeId !== config.storeId) {
    throw new ConfigError(
      `layout ${layoutPath} is for store "${layout.data.storeId}", the config says "${config.storeId}"`,
    );
  }
  if (!layout.data.gateways.some((g) => g.id === config.gatewayId)) {
    throw new ConfigError(`layout ${layoutPath} does not list gateway "${config.gatewayId}"`);
  }
  return { config, layout: layout.data };
}
