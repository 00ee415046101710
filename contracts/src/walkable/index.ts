// Walking distance on a store floor plan: occupancy grid, A*, Dijkstra and fixture access points.
export { shortestPath, type WalkingPath } from './a-star.js';
export { dijkstraFrom } from './dijkstra.js';
export {
  accessPoint,
  type FixtureDistanceMatrix,
  type FixtureLike,
  fixtureDistanceMatrix,
  walkingDistanceBetweenFixtures,
} from './fixture-access.js';
export { nearestWalkableCell, type SnappedCell } from './nearest-walkable.js';
export { buildWalkableGrid, WalkableGrid, type WalkableGridOptions } from './walkable-grid.js';
