// The analytics service the browser test gives its hub: the real one over the hub's repository, so
// the analyst pages show figures computed from the data the test imports (and the "recommendation
// on the map" check runs). Set to undefined to see those pages' "not available" state instead.
import { createAnalyticsService } from '../../src/analytics/service/analytics-service.js';
import type { AnalyticsService } from '../../src/http/analytics-port.js';
import type { HubRepository } from '../../src/storage/repository.js';

export const analyticsForE2e: ((repo: HubRepository, now: () => number) => AnalyticsService) | undefined = (
  repo,
  now,
) => createAnalyticsService(repo, { now });
