// Where a stopped emulated day may resume without a gateway publishing any window twice. Pure.
//
// A gateway's window loop holds one window open: the one it was (re)configured in, until that window's
// end plus the loop's grace has passed, then the next. Stopping closes the open window early, when it
// has begun, and publishes it; a new config closes it whether it has begun or not. So everything a
// gateway published by sim time T lies in windows that end no later than the end of the window it held
// open at T, and a new run starting there (a window boundary) publishes only windows that start at or
// after it. Assuming a grace no longer than the loop's, or a config later than it came, can only put
// that point later: a window skipped, never one published twice.
import { windowAt } from '../core/window-clock.js';

export interface StoppedGateway {
  /** Sim time the gateway stopped at (the emulator's clock, frozen). */
  stopTs: number;
  /** Sim time its run started at (its window loop was configured then). */
  runStartTs: number;
  /** A config from the hub was applied during the run, at this sim time or before. */
  reconfiguredTs?: number;
  windowSeconds: number;
  /** The loop's grace after a window's end, or less. */
  graceMs: number;
}

/** The first sim time a new run of the gateway may cover: the end of the window it held open at
 * `stopTs` when that had begun, else its start. */
export function resumePointAfterStop(g: StoppedGateway): number {
  const configuredTs = g.reconfiguredTs ?? g.runStartTs;
  const open = Math.max(
    windowAt(configuredTs, g.windowSeconds).start,
    windowAt(g.stopTs - g.graceMs, g.windowSeconds).start,
  );
  const point = g.stopTs > open ? open + g.windowSeconds * 1000 : open;
  return g.reconfiguredTs === undefined
    ? point
    : Math.max(point, windowAt(g.reconfiguredTs, g.windowSeconds).end);
}

/** A point no running gateway has published past by sim time `ts` (the end of the window holding it). */
export function resumePointWhileRunning(ts: number, windowSeconds: number): number {
  return windowAt(ts, windowSeconds).end;
}
