// Live updates for the dashboard: ingest publishes what it has just stored, the SSE route passes it
// on to the browsers watching that store. `LiveFeed` is the port the routes read; `LiveBus` is the
// in-process implementation the hub owns. Events say what changed, not the data: the dashboard
// refetches the figures it shows, through the same scoped routes.
import type { GatewayMessage } from '../storage/ingest-store.js';

export type LiveKind = GatewayMessage['kind'];

export interface LiveEvent {
  storeId: string;
  gatewayId: string;
  kind: LiveKind;
  /** The window stored (heatmap, zones, counts, paths, metrics). */
  windowStart?: number;
  windowEnd?: number;
  /** When the gateway said it (status, reply). */
  ts?: number;
  /** online / offline / degraded, for status. */
  state?: string;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveFeed {
  /**
   * Calls `listener` for every event of `storeId` until the returned function is called; `onEnd`
   * when the feed itself closes (the hub stopping), so open streams can finish.
   */
  subscribe(storeId: string, listener: LiveListener, onEnd?: () => void): () => void;
}

interface Subscription {
  listener: LiveListener;
  onEnd: (() => void) | undefined;
}

export class LiveBus implements LiveFeed {
  readonly #subscriptions = new Map<string, Set<Subscription>>();

  subscribe(storeId: string, listener: LiveListener, onEnd?: () => void): () => void {
    const set = this.#subscriptions.get(storeId) ?? new Set();
    const sub = { listener, onEnd };
    set.add(sub);
    this.#subscriptions.set(storeId, set);
    return () => {
      set.delete(sub);
      if (set.size === 0 && this.#subscriptions.get(storeId) === set) this.#subscriptions.delete(storeId);
    };
  }

  /** Ends every subscription (their `onEnd` runs): call before closing the HTTP server. */
  close(): void {
    const all = [...this.#subscriptions.values()].flatMap((set) => [...set]);
    this.#subscriptions.clear();
    for (const s of all) s.onEnd?.();
  }

  publish(...events: LiveEvent[]): void {
    for (const e of events) {
      for (const { listener } of this.#subscriptions.get(e.storeId) ?? []) {
        // One broken subscriber (a closed stream) must not keep the event from the others.
        try {
          listener(e);
        } catch {
          // ignored: that subscriber's stream is gone and unsubscribes itself
        }
      }
    }
  }

  /** Subscribers of one store, or of all (for tests and metrics). */
  listenerCount(storeId?: string): number {
    if (storeId !== undefined) return this.#subscriptions.get(storeId)?.size ?? 0;
    let n = 0;
    for (const set of this.#subscriptions.values()) n += set.size;
    return n;
  }
}

/** The events to publish for messages ingest has committed (call it with `onStored`'s argument). */
export function liveEventsOf(messages: readonly GatewayMessage[]): LiveEvent[] {
  return messages.map((d) => {
    const m = d.message as Partial<Record<'windowStart' | 'windowEnd' | 'ts', number>> & { state?: string };
    return {
      storeId: d.storeId,
      gatewayId: d.gatewayId ?? '',
      kind: d.kind,
      ...(m.windowStart !== undefined && { windowStart: m.windowStart }),
      ...(m.windowEnd !== undefined && { windowEnd: m.windowEnd }),
      ...(m.ts !== undefined && { ts: m.ts }),
      ...(d.kind === 'status' && { state: d.message.state }),
    };
  });
}
