// Opens the hub's storage (and its pseudonym key) for a one-off command, from the same
// configuration the running hub uses.
import { loadHubConfig } from '../load-config.js';
import { loadHubKey } from '../privacy/hub-key.js';
import { createPseudonymizer, type Pseudonymize } from '../privacy/pseudonym.js';
import { HubRepository } from '../storage/repository.js';
import { configSources } from './config-flags.js';

export interface OpenedStorage {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  where: string;
}

export async function openStorage(
  values: Partial<Record<string, string | boolean | undefined>>,
): Promise<OpenedStorage> {
  const config = await loadHubConfig(configSources(values));
  const options = {
    dataDir: config.dataDir,
    now: Date.now,
    ...(config.database.url !== undefined && { databaseUrl: config.database.url }),
    ...(config.database.schema !== undefined && { schema: config.database.schema }),
  };
  const repo = await HubRepository.open(options);
  const key = await loadHubKey({ envValue: process.env.HUB_KEY, dataDir: config.dataDir });
  return { repo, pseudonymize: createPseudonymizer(key), where: HubRepository.describe(options) };
}
