// Test support shared by both apps' tests (`@retail/contracts/testing`): generators of valid
// messages for property tests, and polling instead of fixed sleeps. Not for production code.
export * from './message-arbitraries.js';
export * from './wait-for.js';
