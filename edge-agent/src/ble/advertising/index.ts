// BLE advertisements → canonical beacon ids → roles. Pure: no node APIs, no clock.
export * from './ad-structures.js';
export * from './beacon-classifier.js';
export * from './beacon-encoders.js';
export * from './beacon-frames.js';
export * from './beacon-ids.js';
export { dashedUuid, fromHex, toHex } from './hex.js';
