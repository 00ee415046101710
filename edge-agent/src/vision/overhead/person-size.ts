// How big a person looks at each point of an overhead wide-angle image. Seen from the ceiling, people
// under the camera (the nadir) are closest and largest; towards the edge they are farther away and the
// lens squeezes them. Two numbers capture that well enough to tell a person from a speck or a crowd:
// the typical box side √(w·h) falls linearly with the distance from the nadir.

export interface PersonSizePrior {
  /** The image point straight under the camera, pixels. */
  nadirX: number;
  nadirY: number;
  /** Typical √(box area) of a person at the nadir, pixels. */
  sideAtNadir: number;
  /** How much that side shrinks per pixel of distance from the nadir. */
  shrinkPerPixel: number;
  /** The side never expected below this, pixels (the image corners). */
  minSide: number;
}

/**
 * Least-squares fit of √(w·h) against the distance from the nadir over the ground-truth boxes of the
 * CAVIAR INRIA lobby clips (384×288), each person weighing the same however long they stay (else the two
 * receptionists of Walk2 would dominate); the nadir is the grid point with the least residual (≈ 4.6 px).
 * For another camera, fit these numbers to a few hand-drawn boxes (or scale them with the resolution).
 */
export const CAVIAR_PERSON_SIZE: PersonSizePrior = {
  nadirX: 205,
  nadirY: 150,
  sideAtNadir: 53.7,
  shrinkPerPixel: 0.213,
  minSide: 12,
};

/** The typical √(w·h) of a person's box centred at (x, y). */
export function expectedSide(prior: PersonSizePrior, x: number, y: number): number {
  const distance = Math.hypot(x - prior.nadirX, y - prior.nadirY);
  return Math.max(prior.minSide, prior.sideAtNadir - prior.shrinkPerPixel * distance);
}
