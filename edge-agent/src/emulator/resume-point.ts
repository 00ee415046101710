// Where a stopped emulated day may resume without a gateway publishing any window twice. Pure.
//
// Stopping a gateway's window loop closes every window up to the stop, the last one early (ending at
// the stop), whatever grace or warm-up held them open. So everything it published lies before the end
// of the grid window holding the stop, and a new run starting there (a window boundary) publishes only
// windows that start at or after it.
import { windowAt } from '../core/window-clock.js';

export interface StoppedGateway {
  /** Sim time the gateway stopped at (the emulator's clock, frozen). */
  stopTs: number;
  windowSeconds: number;
}

/** The first sim time a new run of the gateway may cover: the end of the grid window holding
 * `stopTs` when that had begun, else its start. */
export function resumePointAfterStop(g: StoppedGateway): number {
  const open = windowAt(g.stopTs, g.windowSeconds);
  return g.stopTs > open.start ? open.end : open.start;
}

/** A point no running gateway has published past by sim time `ts` (the end of the window holding it). */
export function resumePointWhileRunning(ts: number, windowSeconds: number): number {
  return windowAt(ts, windowSeconds).end;
}
