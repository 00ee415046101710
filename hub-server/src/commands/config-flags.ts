// The flags every command that touches the hub's data shares, and how they become config sources.
import type { ConfigSources } from '../load-config.js';

export const storageFlags = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export const storageUsage = `  --config FILE        hub configuration JSON
  --data-dir DIR       the hub's data directory (default .data/hub)                 [HUB_DATA_DIR]
  --database-url URL   PostgreSQL instead of SQLite in the data directory          [HUB_DATABASE_URL]`;

type FlagValues = Partial<Record<string, string | boolean | undefined>>;

export function configSources(values: FlagValues): ConfigSources {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const flags: ConfigSources['flags'] = {};
  const map: [keyof ConfigSources['flags'], string][] = [
    ['port', 'port'],
    ['mqttUrl', 'mqtt-url'],
    ['mqttPort', 'mqtt-port'],
    ['dataDir', 'data-dir'],
    ['databaseUrl', 'database-url'],
    ['workerId', 'worker-id'],
  ];
  for (const [key, flag] of map) {
    const v = str(flag);
    if (v !== undefined) flags[key] = v;
  }
  const file = str('config');
  return { env: process.env, flags, ...(file !== undefined && { file }) };
}
