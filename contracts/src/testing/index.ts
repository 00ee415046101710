// Test support shared by both apps' tests (`@retail/contracts/testing`): generators of valid
// messages (and one camera's metrics) and of near-miss JSON variants for property tests, a differential check of fast validators
// against zod, and polling instead of fixed sleeps. Not for production code.
export * from './camera-metrics-sample.js';
export * from './json-mutations.js';
export * from './message-arbitraries.js';
export * from './wait-for.js';
export * from './zod-differential.js';
