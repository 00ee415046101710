// The one-sided Fisher exact test of "more often within a subgroup": of `population` baskets, `hits`
// hold an item; a subgroup of `drawn` of them holds `observed`. How likely is that many or more if the
// subgroup were drawn at random? The hypergeometric upper tail.
import { logGamma } from './log-gamma.js';

export interface SubgroupCounts {
  population: number;
  hits: number;
  drawn: number;
  observed: number;
}

/** P(X ≥ observed) for X ~ Hypergeometric(population, hits, drawn); 1 when there is no excess to test. */
export function fisherExcessPValue({ population, hits, drawn, observed }: SubgroupCounts): number {
  if (!(drawn <= population && hits <= population && observed <= Math.min(drawn, hits)))
    throw new RangeError(`impossible counts: ${observed} of ${drawn} drawn, ${hits} of ${population}`);
  if (observed * population <= hits * drawn) return 1;
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const top = Math.min(drawn, hits);
  let term = Math.exp(
    logChoose(hits, observed) + logChoose(population - hits, drawn - observed) - logChoose(population, drawn),
  );
  // Past the mean each term is the last times (hits − k)(drawn − k) / ((k + 1)(population − hits − drawn + k + 1)).
  let sum = 0;
  for (let k = observed; k <= top && term > 0 && term > sum * 1e-15; k++) {
    sum += term;
    term *= ((hits - k) * (drawn - k)) / ((k + 1) * (population - hits - drawn + k + 1));
  }
  return Math.min(1, sum);
}
