// The `ble` section of the gateway config: where receptions come from (the gateway's own BlueZ radio,
// ESPresense scanner nodes over MQTT, or a recorded RSSI log), how positions are computed, and which
// beacons besides the layout's staff tags are kept. Anchor positions and radio calibration come from
// the layout's `scanners`; a store's calibration walk (see README "Calibrating BLE") is given here.
import { z } from 'zod';

const bluezSourceSchema = z.strictObject({
  kind: z.literal('bluez'),
  scannerId: z.string().min(1).describe("The layout scanner that is this gateway's own radio."),
  adapter: z.string().min(1).default('hci0'),
  busAddress: z.string().min(1).optional().describe('D-Bus address (default: the system bus).'),
});

const espresenseSourceSchema = z.strictObject({
  kind: z.literal('espresense'),
  url: z
    .string()
    .min(1)
    .optional()
    .describe("Broker the ESP32 nodes publish to (default: the gateway's own)."),
  prefix: z.string().min(1).default('espresense'),
  rooms: z
    .record(z.string().min(1), z.string().min(1))
    .default({})
    .describe('ESPresense room name → layout scanner id (default: the room name is the scanner id).'),
});

const replaySourceSchema = z.strictObject({
  kind: z.literal('replay'),
  file: z.string().min(1).describe('RSSI log `ts,anchor,beacon,rssi` (relative to the config file).'),
  speed: z
    .number()
    .positive()
    .optional()
    .describe('Pace by the timestamps at this speed; absent: as fast as read.'),
});

export const bleSourceSchema = z.discriminatedUnion('kind', [
  bluezSourceSchema,
  espresenseSourceSchema,
  replaySourceSchema,
]);
export type BleSourceConfig = z.output<typeof bleSourceSchema>;

export const bleConfigSchema = z.strictObject({
  sources: z
    .array(bleSourceSchema)
    .max(16)
    .default([])
    .describe('Reception sources: `bluez`, `espresense` or `replay`; none: no BLE (cameras only).'),
  method: z
    .enum(['auto', 'trilateration', 'fingerprint'])
    .default('auto')
    .describe(
      'Positioning; `auto` cross-validates both on the calibration walk (trilateration without one).',
    ),
  calibration: z
    .strictObject({
      rssi: z.string().min(1).describe('Calibration walk receptions, RSSI CSV.'),
      truth: z.string().min(1).describe('Where the phone was, truth CSV `ts,beacon,x,y`.'),
    })
    .optional()
    .describe("The store's calibration walk: fits each scanner's path loss and builds the fingerprint map."),
  calibrationBeacons: z
    .array(z.string().min(1))
    .default([])
    .describe('Beacon ids of calibration phones (kept, positioned, never counted as shoppers).'),
  acceptLoyalty: z
    .boolean()
    .default(true)
    .describe("Link the loyalty app's rotating ids (Eddystone-EID) to camera tracks."),
  fixIntervalMs: z
    .int()
    .min(200)
    .max(10_000)
    .default(1000)
    .describe('How often beacon positions are computed.'),
});
export type BleConfig = z.output<typeof bleConfigSchema>;
