// Where receptions come from: a replayed RSSI log, ESPresense scanners over MQTT, BlueZ on the gateway.
// Each delivers only receptions of beacons the classifier knows and counts the rest.
export * from './bluez-source.js';
export * from './espresense-message.js';
export * from './espresense-source.js';
export { createReceptionGate, type ReceptionGate } from './reception-gate.js';
export * from './replay-rssi-source.js';
