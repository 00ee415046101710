// Pause before retry number `attempt` (1 = the first): doubling from `initialMs` up to `maxMs`, then
// shortened by a random share up to `jitter`, so gateways that lost the same broker come back spread
// out instead of in step, and no pause ever exceeds `maxMs`.

export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1 */
  jitter: number;
}

export function retryDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 40));
  return Math.round(base * (1 - policy.jitter * random()));
}
