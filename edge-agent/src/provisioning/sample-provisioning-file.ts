// A provisioning file as the hub writes it, for the gateway's tests (the real hub's is checked in
// hub-server/test/provisioning.test.ts). A fresh object each call, so tests may change it.
import { PROVISIONING_SCHEMA } from './provisioning-file.js';

export function sampleProvisioningFile(): Record<string, unknown> {
  return {
    schema: PROVISIONING_SCHEMA,
    storeId: 'demo',
    gatewayId: 'gw-front',
    issuedAt: '2030-01-15T08:00:00.000Z',
    hub: { httpUrl: 'http://hub.local:8080' },
    mqtt: { urls: ['mqtt://hub.local:1883'], username: 'demo.gw-front', password: 'secret-password' },
    layoutVersion: 3,
    cameras: [
      { id: 'cam-entrance', mounting: 'overhead' },
      { id: 'cam-checkout', mounting: 'oblique', source: 'rtsp://10.0.0.5/stream' },
    ],
    scanners: [{ id: 'ble-05' }],
    config: {
      storeId: 'demo',
      gatewayId: 'gw-front',
      mqtt: { url: 'mqtt://hub.local:1883' },
      vision: { sources: { 'cam-checkout': 'rtsp://10.0.0.5/stream' } },
      ble: { sources: [{ kind: 'bluez', scannerId: 'ble-05' }] },
    },
    notes: [],
  };
}
