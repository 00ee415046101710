// What the HTTP app is built from: storage, the hub's clock and identity, and the optional ports
// (analytics, live feed, config push) whose routes answer 503 when the hub has none.
import type { AuthOptions } from '../auth/auth-options.js';
import type { IngestCounters } from '../ingest/ingest-counters.js';
import type { Logger } from '../logger.js';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { HubRepository } from '../storage/repository.js';
import type { AnalyticsService } from './analytics-port.js';
import type { GatewayControl } from './gateway-control.js';
import type { LiveFeed } from './live-feed.js';
import type { ProvisioningRouteDeps } from './routes/provisioning.js';

export interface AppDeps {
  repo: HubRepository;
  counters: IngestCounters;
  pseudonymize: Pseudonymize;
  logger: Logger;
  version: string;
  now: () => number;
  /** Bearer token tills use to POST transactions; POS over HTTP is off without it. */
  posToken?: string;
  analytics?: AnalyticsService;
  live?: LiveFeed;
  gatewayControl?: GatewayControl;
  /** Auth settings beyond the defaults: `secureCookie` behind HTTPS, `trustedOrigins` behind a proxy. */
  auth?: Partial<
    Pick<AuthOptions, 'secureCookie' | 'trustedOrigins' | 'scrypt' | 'session' | 'loginLimit' | 'clientIp'>
  >;
  /** Serve the dashboard (default true). */
  dashboard?: boolean;
  /** Provisioning files and one-time enrolment codes (routes answer only when set). */
  provisioning?: Omit<ProvisioningRouteDeps, 'repo' | 'logger' | 'now'>;
  /** Signed gateway bundles served to gateways at /api/v1/bundles (`<dataDir>/bundles`). */
  bundlesDir?: string;
  /** Sends `update` for a published version to one gateway or all of a store's; returns the gateway ids. */
  desiredVersion?: (target: { storeId: string; gatewayId?: string }, version: string) => Promise<string[]>;
}
