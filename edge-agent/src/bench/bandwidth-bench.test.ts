import { readFileSync } from 'node:fs';
import { seededRandom, storeLayoutSchema } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { runBandwidthBench } from './bandwidth-bench.js';

const layout = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);

describe('bandwidth bench', () => {
  it('encodes every window of a synthetic crowd as valid messages and sizes them per camera', () => {
    // The bench throws on any message that fails its contract.
    const r = runBandwidthBench({
      layout,
      gatewayId: 'gw-front',
      hours: 0.25,
      arrivalsPerHour: 600,
      random: seededRandom(3),
    });
    expect(r.windows).toBe(15);
    expect(r.cameras).toBe(2);
    expect(r.payloadBytesByKind.heatmap).toBeGreaterThan(0);
    expect(r.payloadBytesPerCameraHour).toBeGreaterThan(0);
  });
});
