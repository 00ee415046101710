// Where a stopped emulated day may resume without a gateway publishing any window twice. Pure.
//
// A gateway's window loop holds one window open: the grid window it was (re)configured in (from the
// moment of a reconfigure, which closed the earlier part), until that window's end plus the loop's
// grace has passed, then the next. Stopping closes the open window early, up to the stop, when it has
// begun. So everything a gateway published by sim time T lies before the end of the grid window it
// held open at T, and a new run starting there (a window boundary) publishes only windows that start
// at or after it. Assuming a grace no longer than the loop's can only put that point later: a window
// skipped, never one published twice.
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

/** The first sim time a new run of the gateway may cover: the end of the grid window it held open at
 * `stopTs` when that had begun, else its start. */
export function resumePointAfterStop(g: StoppedGateway): number {
  const configured = windowAt(g.reconfiguredTs ?? g.runStartTs, g.windowSeconds);
  const lagging = windowAt(g.stopTs - g.graceMs, g.windowSeconds);
  const open = lagging.start >= configured.end ? lagging : configured;
  return g.stopTs > open.start ? open.end : open.start;
}

/** A point no running gateway has published past by sim time `ts` (the end of the window holding it). */
export function resumePointWhileRunning(ts: number, windowSeconds: number): number {
  return windowAt(ts, windowSeconds).end;
}
