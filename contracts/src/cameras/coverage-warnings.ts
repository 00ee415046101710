// What a layout's cameras will not see, in words, for whoever imports or checks a layout: entrances
// they cannot count, shopper zones they cannot see, then zones that cameras of several gateways see
// together (counted by each). The layout stays valid either way.
import type { StoreLayout } from '../layout/index.js';
import { entranceCoverageWarnings } from './entrance-coverage.js';
import { sharedViewWarnings, zoneCoverage, zoneCoverageWarnings } from './zone-coverage.js';

export function coverageWarnings(layout: StoreLayout): string[] {
  // Sampled once (every zone against every camera) for both zone warnings.
  const zones = zoneCoverage(layout);
  return [
    ...entranceCoverageWarnings(layout),
    ...zoneCoverageWarnings(layout, zones),
    ...sharedViewWarnings(layout, zones),
  ];
}
