// The store simulator: a seeded, deterministic trading day (shoppers, baskets, tills, staff) as ground
// truth for everything else in the product. Pure core; scenario-files.ts is the only adapter.
export { type ArrivalProfile, arrivalProfile, arrivalRate, sampleArrivals } from './arrivals.js';
export {
  type BasketModel,
  buildBasketModel,
  drawMission,
  impulseChance,
  type LineReason,
  type PlannedLine,
  type PlantedPair,
} from './basket-model.js';
export { basketsFromPos, type PairStats, pairStats } from './basket-stats.js';
export { unitPrice } from './checkout.js';
export {
  basketLinesCsv,
  posCsv,
  sessionsCsv,
  type TimeFormat,
  type TrajectoryCsvOptions,
  trajectoryCsvChunks,
  visitsCsv,
} from './csv-writers.js';
export { type MemberPool, memberPool, type ShopperIdentity } from './identities.js';
export { applyLayoutChange } from './layout-change.js';
export { segmentClear } from './path-smoothing.js';
export { type LoadedScenario, loadScenarioFile } from './scenario-files.js';
export {
  type Affinity,
  type LayoutChange,
  type ProductSelector,
  type Scenario,
  type ScenarioInput,
  scenarioSchema,
} from './scenario-schema.js';
export { civilDate, isoUtc, type TradingDay, tradingDay } from './scenario-time.js';
export {
  type DayOptions,
  prepareSimulation,
  type Simulation,
  type SimulationInput,
  simulateDay,
  simulateDays,
} from './simulate-day.js';
export { buildStoreWorld, type Door, type StoreWorld } from './store-world.js';
export * from './truth.js';
