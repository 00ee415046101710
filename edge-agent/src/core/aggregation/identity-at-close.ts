// Who a track is, applied when its window closes rather than when each observation arrived: fusion
// often links a track's rotating id (or flags it staff) some seconds after the track appears, and the
// window is held open that long anyway (the gateway's grace). One rule for the aggregator and for the
// linking evaluation that measures what the gateway publishes. Pure.
import type { TrackObservation } from './track-observation.js';

/** What fusion says about a track when a window closes. */
export interface ResolvedIdentity {
  /** Linked to a staff tag or suspected staff: every observation of the track is dropped. */
  staff: boolean;
  /** The rotating loyalty ids linked to the track now (16 lower-case hex; anything else is refused later). */
  rotatingIds: readonly string[];
}

/** A track's identity now; undefined when the source does not know the track (its annotation stands). */
export type IdentityOf = (trackId: string) => ResolvedIdentity | undefined;

/**
 * The observation as aggregated at its window's close. Staff is sticky (a flag at receipt stays); the
 * ids known at close replace those the observation came with, so a link fusion broke in the meantime
 * (evidence turned against it) is not published either. No identity: the observation as received.
 */
export function withIdentity(
  obs: TrackObservation,
  identity: ResolvedIdentity | undefined,
): TrackObservation {
  if (!identity) return obs;
  const { rotatingIds: _received, staff: _flag, ...rest } = obs;
  if (identity.staff || obs.staff) return { ...rest, staff: true };
  return identity.rotatingIds.length > 0 ? { ...rest, rotatingIds: identity.rotatingIds } : rest;
}
