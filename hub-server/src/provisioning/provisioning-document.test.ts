// The provisioning file from the demo layout: this gateway's cameras and scanners only, a BLE
// suggestion, notes for what is left to do; and bad input refused before anything is written.
import { readFile } from 'node:fs/promises';
import { type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { buildProvisioningDocument, type ProvisioningInput } from './provisioning-document.js';

async function demoLayout(): Promise<StoreLayout> {
  const url = new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url);
  return storeLayoutSchema.parse(JSON.parse(await readFile(url, 'utf8')));
}

const base: Omit<ProvisioningInput, 'layout'> = {
  storeId: 'demo-supermarket',
  gatewayId: 'gw-front',
  mqttUrls: ['mqtt://hub.local:1883'],
  httpUrl: 'http://hub.local:8080',
  username: 'demo-supermarket.gw-front',
  password: 'pw',
  issuedAt: Date.UTC(2030, 0, 15, 8),
};

describe('buildProvisioningDocument', () => {
  it("derives the gateway's cameras and a bluez suggestion from the layout", async () => {
    const layout = await demoLayout();
    const doc = buildProvisioningDocument({ ...base, layout });
    expect(doc.cameras.map((c) => c.id)).toEqual(['cam-entrance', 'cam-checkout']);
    expect(doc.scanners.map((s) => s.id)).toEqual(['ble-05', 'ble-06', 'ble-07', 'ble-08']);
    expect(doc.config).toEqual({
      storeId: 'demo-supermarket',
      gatewayId: 'gw-front',
      mqtt: { url: 'mqtt://hub.local:1883' },
      vision: { sources: {} },
      ble: { sources: [{ kind: 'bluez', scannerId: 'ble-05' }] },
    });
    expect(doc.layoutVersion).toBe(layout.layoutVersion);
    expect(doc.issuedAt).toBe('2030-01-15T08:00:00.000Z');
    expect(doc.notes.join('\n')).toMatch(/camera "cam-entrance" has no source/);
    expect(doc.notes.join('\n')).toMatch(/"ble-06", "ble-07", "ble-08" need an espresense or bluez source/);
  });

  it("puts a camera's layout source into vision.sources", async () => {
    const layout = await demoLayout();
    const cameras = layout.cameras.map((c) =>
      c.id === 'cam-checkout' ? { ...c, source: 'rtsp://cam/1' } : c,
    );
    const doc = buildProvisioningDocument({ ...base, layout: { ...layout, cameras } });
    expect(doc.config.vision.sources).toEqual({ 'cam-checkout': 'rtsp://cam/1' });
    expect(doc.notes.join('\n')).not.toMatch(/cam-checkout/);
  });

  it('works without a layout, saying one is needed', () => {
    const doc = buildProvisioningDocument({
      ...base,
      caPem: '-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n',
    });
    expect(doc.cameras).toEqual([]);
    expect(doc.config.ble.sources).toEqual([]);
    expect(doc.mqtt.ca).toContain('BEGIN CERTIFICATE');
    expect(doc.notes[0]).toMatch(/has no layout yet/);
  });

  it('refuses bad ids, URLs, CA and a layout of another store, naming them', async () => {
    expect(() => buildProvisioningDocument({ ...base, gatewayId: 'hub' })).toThrow(/^gatewayId:/);
    expect(() => buildProvisioningDocument({ ...base, mqttUrls: [] })).toThrow(/at least one broker/);
    expect(() => buildProvisioningDocument({ ...base, mqttUrls: ['tcp://x:1'] })).toThrow(
      /mqtt url "tcp:\/\/x:1"/,
    );
    expect(() => buildProvisioningDocument({ ...base, httpUrl: 'hub:8080' })).toThrow(/http url/);
    expect(() => buildProvisioningDocument({ ...base, caPem: 'not a cert' })).toThrow(/^ca:/);
    const layout = await demoLayout();
    expect(() => buildProvisioningDocument({ ...base, storeId: 'other', layout })).toThrow(
      /layout is for store/,
    );
  });
});
