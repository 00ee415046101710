// The simulated BLE half of a store: emitters from a simulated day, the radio channel, a reception
// source for the emulator and evaluations, and the evaluation files (anchors, RSSI log, truth).
export {
  anchorsJson,
  anchorsOfLayout,
  type BleEvalFiles,
  beaconTruthCsv,
  bleEvalFiles,
} from './ble-eval-files.js';
export {
  type DayEmittersOptions,
  type Emitter,
  type EmitterKind,
  emittersOfDay,
  loyaltyBeaconAt,
} from './emitters.js';
export { nodeHmacSha256, nodeRotatingIdFor } from './node-hmac.js';
export {
  anchorDistance,
  bodyLoss,
  DEFAULT_RADIO_MODEL,
  meanRssi,
  type RadioModel,
  radioModel,
  shadowingStep,
} from './radio-model.js';
export { type ReceptionModelOptions, simulateReceptions } from './reception-model.js';
export {
  SimulatedReceptionSource,
  type SimulatedReceptionSourceOptions,
} from './simulated-reception-source.js';
export { type WrittenBleFiles, writeBleEvalFiles } from './write-ble-eval-files.js';
