// @retail/contracts: everything the edge agent and the hub agree on, and nothing else.
export * from './cameras/index.js';
export * from './catalogue.js';
export * from './formats/index.js';
export * from './geometry.js';
export * from './ids.js';
export * from './layout/index.js';
export * from './messages/index.js';
export * from './rotating-id.js';
export * from './seeded-random.js';
export * from './store-periods.js';
export * from './topics.js';
export * from './validation/compiled-validator.js';
export * from './validation.js';
export * from './walkable/index.js';
