// Closes aggregation windows on the clock and hands their messages to the outbox. Holds the one
// WindowAggregator; a new layout or settings start a new one after closing the open window.
import type { GatewaySettings, ObservationMetrics, StoreLayout } from '@retail/contracts';
import {
  type IdentityOf,
  observationMetrics,
  type TrackObservation,
  WindowAggregator,
} from '../core/aggregation/index.js';
import { type WindowBounds, windowAt } from '../core/window-clock.js';
import type { Logger } from '../logger.js';

export type WindowKind = 'heatmap' | 'zones' | 'counts' | 'paths' | 'metrics';

export interface WindowLoopOptions {
  now: () => number;
  random: () => number;
  logger: Logger;
  /** Late observations (fusion delay) still count if they arrive within this time after a window ends. */
  graceMs?: number;
  /** Clock ms per real ms (the emulator's accelerated sim clock); timer delays are divided by it. Default 1. */
  timeScale?: number;
  /** No window closes before this clock time, when defined (BLE fusion warming up after it starts). */
  closeNotBefore?: () => number | undefined;
  /** Who a track is when its window closes (BLE fusion), applied to the observations held for it. */
  identityOf?: IdentityOf;
  /** Queues one message body (everything but the envelope) for publishing. */
  emit: (kind: WindowKind, body: Record<string, unknown>) => Promise<void>;
  /** The gateway's own figures for the window (metrics body without window fields). */
  metrics: (window: WindowBounds) => Promise<Record<string, unknown>>;
}

export class WindowLoop {
  #aggregator: WindowAggregator | undefined;
  #layout: StoreLayout | undefined;
  #settings: GatewaySettings | undefined;
  #open: WindowBounds | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly o: WindowLoopOptions) {}

  /**
   * (Re)configures. The open window is closed up to now under the old configuration, and the
   * rest of it (up to the new window grid) opens under the new one: a config push mid-window yields
   * two windows that tile it, never the same span twice.
   */
  async configure(layout: StoreLayout | undefined, settings: GatewaySettings): Promise<void> {
    const open = this.#open;
    const now = this.o.now();
    if (open) await this.#closeUpTo(open, now);
    this.#stopped = false;
    this.#layout = layout;
    this.#settings = settings;
    const { random, identityOf } = this.o;
    this.#aggregator = layout
      ? new WindowAggregator({ layout, settings, random, ...(identityOf && { identityOf }) })
      : undefined;
    if (!layout) this.o.logger.warn('no store layout yet: only gateway metrics are published');
    const next = windowAt(now, settings.windowSeconds);
    // The part of the grid window after the push opens under the new configuration.
    this.#open = open && now > open.start && now < next.end ? { start: now, end: next.end } : next;
    if (this.#open.end <= this.#open.start) this.#open = next;
    this.#schedule();
  }

  observe(obs: TrackObservation): void {
    this.#aggregator?.observe(obs);
  }

  endTrack(trackId: string, ts: number): void {
    this.#aggregator?.endTrack(trackId, ts);
  }

  /** Closes every window up to now (the last one early) so a shutdown loses nothing observed. */
  async stop(): Promise<void> {
    // A close in flight reschedules when it ends; stopped, it must not.
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#closing;
    const open = this.#open;
    this.#open = undefined;
    if (open) await this.#closeUpTo(open, this.o.now());
  }

  /**
   * Closes `open` and the grid windows after it up to `now`, the last one ending at `now`: the open
   * window may lie well behind the clock (a grace period, or fusion warming up), and what was observed
   * since belongs to the windows in between.
   */
  async #closeUpTo(open: WindowBounds, now: number): Promise<void> {
    const size = (this.#settings?.windowSeconds ?? 60) * 1000;
    let window = open;
    while (now > window.start) {
      const end = Math.min(now, window.end);
      await this.#close({ start: window.start, end }, end >= now, now);
      if (end >= now) return;
      window = { start: window.end, end: window.end + size };
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const open = this.#open;
    if (!open || !this.#settings || this.#stopped) return;
    const delay = Math.max(0, this.#dueOf(open) - this.o.now()) / (this.o.timeScale ?? 1);
    this.#timer = setTimeout(() => {
      // An accelerated clock may have stood still meanwhile (the emulator waiting for its cameras), or
      // BLE started since and holds the windows a while.
      if (this.o.now() < this.#dueOf(open)) return this.#schedule();
      const settings = this.#settings!;
      this.#open = { start: open.end, end: open.end + settings.windowSeconds * 1000 };
      this.#closing = this.#close(open, false, this.o.now()).finally(() => this.#schedule());
    }, delay);
  }

  #dueOf(open: WindowBounds): number {
    return Math.max(open.end + (this.o.graceMs ?? 2000), this.o.closeNotBefore?.() ?? 0);
  }

  async #close(window: WindowBounds, final: boolean, now: number): Promise<void> {
    const log = this.o.logger;
    try {
      const layoutVersion = this.#layout?.layoutVersion ?? 0;
      let observations: ObservationMetrics | undefined;
      if (this.#aggregator && this.#settings) {
        const out = this.#aggregator.closeWindow(window.start, window.end, { final });
        // Staff are left out by design, every window: worth a debug line, not an info line a minute.
        const { staff, ...unexpected } = out.ignored;
        if (staff > 0) log.debug({ window: window.start, staff }, 'staff observations left out');
        const ignored = Object.entries(unexpected).filter(([, n]) => n > 0);
        if (ignored.length > 0)
          log.info({ window: window.start, ignored: Object.fromEntries(ignored) }, 'observations ignored');
        observations = observationMetrics(out.received, out.ignored);
        await this.o.emit('heatmap', out.heatmap as unknown as Record<string, unknown>);
        await this.o.emit('zones', out.zones as unknown as Record<string, unknown>);
        await this.o.emit('counts', out.counts as unknown as Record<string, unknown>);
        if (this.#settings.publishPaths && out.paths.paths.length > 0) {
          await this.o.emit('paths', out.paths as unknown as Record<string, unknown>);
        }
      }
      const metrics = await this.o.metrics(window);
      await this.o.emit('metrics', {
        windowStart: window.start,
        windowEnd: window.end,
        layoutVersion,
        ...metrics,
        ...(observations && { observations }),
      });
      log.debug({ window: window.start, tookMs: this.o.now() - now }, 'window closed');
    } catch (err) {
      log.error({ err: (err as Error).message, window: window.start }, 'could not close a window');
    }
  }
}
