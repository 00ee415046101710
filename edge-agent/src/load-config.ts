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
export async function loadEdgeConfig(
  file: string,
  overrides: { mqttUrl?: string; dataDir?: string } = {},
): Promise<LoadedConfig> {
  const raw = (await readJson(file, 'config file')) as Record<string, unknown>;
  const merged = {
    ...raw,
    ...(overrides.dataDir !== undefined && { dataDir: overrides.dataDir }),
    ...(overrides.mqttUrl !== undefined && { mqtt: { ...(raw.mqtt as object), url: overrides.mqttUrl } }),
  };
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
