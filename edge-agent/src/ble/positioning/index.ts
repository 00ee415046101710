// BLE positioning core: RSSI filtering, path-loss calibration, trilateration, fingerprinting, motion
// smoothing, method choice and the streaming positioner. Pure: no I/O, time comes with the data.
export * from './calibration-fit.js';
export * from './calibration-set.js';
export * from './causal-replay.js';
export * from './fingerprint.js';
export * from './floor-constraint.js';
export * from './log-distance.js';
export * from './method-choice.js';
export * from './motion-kalman.js';
export * from './positioner.js';
export * from './positioning-setup.js';
export * from './rssi-filter.js';
export * from './trilateration.js';
