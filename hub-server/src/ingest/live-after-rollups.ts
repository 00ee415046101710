// Stored windows reach the live feed once the roll-up pass has taken them, so a dashboard refetching
// on the event sees them in its hour/day figures; but after at most `waitMs`, as a steady stream may
// keep the loop from coming up empty for a while. One wait at a time: events arriving meanwhile join
// it. Used on the main thread and in the ingest worker alike.
import type { LiveEvent } from '../http/live-feed.js';
import type { RollupLoop } from './rollup-loop.js';

export interface LiveAfterRollups {
  /** Events of windows just committed. */
  announce(events: readonly LiveEvent[]): void;
  /** Publishes what waits now (on stop). */
  flush(): void;
}

export function liveAfterRollups(
  loop: Pick<RollupLoop, 'drain'>,
  publish: (events: LiveEvent[]) => void,
  waitMs = 1000,
): LiveAfterRollups {
  let pending: LiveEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let rolled: Promise<void> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const events = pending;
    pending = [];
    if (events.length > 0) publish(events);
  };
  return {
    flush,
    announce(events) {
      pending.push(...events);
      if (timer) return;
      timer = setTimeout(flush, waitMs);
      timer.unref();
      if (rolled) return; // a pass still awaited from before: it, or the timer, flushes these too
      rolled = loop.drain({ urgent: false }).finally(() => {
        rolled = undefined;
      });
      void rolled.then(flush);
    },
  };
}
