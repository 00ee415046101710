// Camera geometry both sides agree on: a layout camera's calibration as image ⇄ floor maps, and what
// of the floor it can see.
export * from './camera-view.js';
export * from './coverage-warnings.js';
export * from './entrance-coverage.js';
export {
  type Homography,
  HomographyError,
  type HomographyProblem,
  invert,
  type PointError,
  type PointPair,
  project,
  type ReprojectionReport,
  reprojectionErrors,
  solveHomography,
} from './homography.js';
export * from './zone-coverage.js';
