import dbus from 'dbus-next';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beaconIdOfAdvertisement, encodeAdvertisementFields } from '../advertising/index.js';
import { readDevice1Properties } from './bluez-properties.js';

const v = (signature: string, value: unknown) => new dbus.Variant(signature, value);

describe('readDevice1Properties', () => {
  it('reads RSSI, ManufacturerData (a{qv}) and ServiceData (a{sv}) as dbus-next unmarshals them', () => {
    const ib = encodeAdvertisementFields({
      kind: 'ibeacon',
      uuid: 'e2c56db5-dffb-48d2-b060-d0f5a71096e0',
      major: 1,
      minor: 2,
      txPower: -59,
    }).manufacturerData.get(0x004c);
    // dbus-next turns a{qv} into an object keyed by the (stringified) integer.
    const props = {
      Address: v('s', 'C0:FF:EE:00:00:01'),
      RSSI: v('n', -67),
      ManufacturerData: v('a{qv}', { 76: v('ay', Buffer.from(ib ?? [])), 6: v('ay', Buffer.from([1, 2])) }),
      ServiceData: v('a{sv}', { '0000fd6f-0000-1000-8000-00805f9b34fb': v('ay', Buffer.from([9])) }),
    };
    const update = readDevice1Properties(props);
    expect(update.rssi).toBe(-67);
    expect([...(update.manufacturerData?.keys() ?? [])]).toEqual([6, 76]);
    expect(update.serviceData?.size).toBe(1);
    expect(JSON.stringify(update)).not.toContain('C0:FF:EE');
    expect(beaconIdOfAdvertisement(update)).toBe('ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2');
  });

  it('an RSSI-only update has no data maps, so the device keeps its last known frame', () => {
    expect(readDevice1Properties({ RSSI: v('n', -70) })).toEqual({ rssi: -70 });
  });

  it('skips anything unexpected and never throws', () => {
    expect(
      readDevice1Properties({
        RSSI: v('s', 'loud'),
        ManufacturerData: v('a{qv}', { x: v('ay', Buffer.from([1])) }),
      }),
    ).toEqual({
      manufacturerData: new Map(),
    });
    fc.assert(
      fc.property(fc.anything(), (x) => {
        readDevice1Properties(x);
        readDevice1Properties({ RSSI: x, ManufacturerData: x, ServiceData: x });
      }),
    );
  });
});
