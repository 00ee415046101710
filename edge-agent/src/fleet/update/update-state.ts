// The A/B update state (`<root>/state.json`) and its transitions, as pure functions over plain data:
// which slot is active, which version is on probation until a health deadline, and what happened to
// the last update. The disk side is in slot-store.ts; the launcher and the agent share this file.

export type SlotName = 'a' | 'b';

export interface PendingUpdate {
  version: string;
  /** The slot the new version was unpacked into (now active). */
  slot: SlotName;
  /** The slot and version to go back to. */
  from: SlotName;
  fromVersion: string | null;
  /** Epoch ms: unconfirmed by then, the update is rolled back. */
  deadline: number;
  /** How many times the launcher has started the new version without a confirmation. */
  starts: number;
}

export interface UpdateOutcome {
  version: string;
  outcome: 'confirmed' | 'rolled-back';
  reason: string | null;
  at: number;
}

export interface UpdateState {
  active: SlotName;
  previous: SlotName | null;
  versions: { a: string | null; b: string | null };
  pending: PendingUpdate | null;
  last: UpdateOutcome | null;
}

export const otherSlot = (slot: SlotName): SlotName => (slot === 'a' ? 'b' : 'a');

export function initialState(active: SlotName, version: string | null): UpdateState {
  const versions = { a: null, b: null, [active]: version };
  return { active, previous: null, versions, pending: null, last: null };
}

export function activeVersion(s: UpdateState): string | null {
  return s.versions[s.active];
}

/** The new version is unpacked into `slot`; it becomes active on probation until `deadline`. */
export function beginPending(
  s: UpdateState,
  u: { version: string; slot: SlotName; deadline: number },
): UpdateState {
  return {
    active: u.slot,
    previous: s.active,
    versions: { ...s.versions, [u.slot]: u.version },
    pending: { ...u, from: s.active, fromVersion: activeVersion(s), starts: 0 },
    last: s.last,
  };
}

export type StartDecision =
  | { action: 'run' }
  | { action: 'trial'; start: number }
  | { action: 'rollback'; reason: string };

/** What the launcher does before each start of the active slot. */
export function decideOnStart(s: UpdateState, now: number, maxStarts: number): StartDecision {
  const p = s.pending;
  if (!p) return { action: 'run' };
  if (now >= p.deadline)
    return { action: 'rollback', reason: `version ${p.version} did not report healthy before its deadline` };
  if (p.starts >= maxStarts)
    return {
      action: 'rollback',
      reason: `version ${p.version} was started ${p.starts} times without reporting healthy (crash loop)`,
    };
  return { action: 'trial', start: p.starts + 1 };
}

export function countStart(s: UpdateState): UpdateState {
  return s.pending ? { ...s, pending: { ...s.pending, starts: s.pending.starts + 1 } } : s;
}

export function confirmPending(s: UpdateState, now: number): UpdateState {
  if (!s.pending) return s;
  return {
    ...s,
    pending: null,
    last: { version: s.pending.version, outcome: 'confirmed', reason: null, at: now },
  };
}

/** Back to the slot the pending update came from; the failed version stays in its slot for inspection. */
export function rollBack(s: UpdateState, reason: string, now: number): UpdateState {
  const p = s.pending;
  if (!p) return s;
  return {
    active: p.from,
    previous: p.slot,
    versions: s.versions,
    pending: null,
    last: { version: p.version, outcome: 'rolled-back', reason, at: now },
  };
}

/** Why an `update` to `version` should not start now, or null when it may. */
export function refuseUpdate(s: UpdateState, version: string): string | null {
  if (s.pending) return `an update to ${s.pending.version} is waiting for its health confirmation`;
  if (s.last?.outcome === 'rolled-back' && s.last.version === version)
    return `version ${version} was rolled back: ${s.last.reason ?? 'no reason recorded'}`;
  return null;
}

/** Checks a parsed state.json; returns the problem (naming the field) or the state. */
export function checkState(v: unknown): UpdateState | string {
  if (typeof v !== 'object' || v === null) return 'state must be an object';
  const o = v as Record<string, unknown>;
  const isSlot = (x: unknown): x is SlotName => x === 'a' || x === 'b';
  const isVersion = (x: unknown) => x === null || (typeof x === 'string' && x.length > 0);
  if (!isSlot(o.active)) return 'active: must be "a" or "b"';
  if (o.previous !== null && !isSlot(o.previous)) return 'previous: must be "a", "b" or null';
  const versions = o.versions as Record<string, unknown> | null;
  if (typeof versions !== 'object' || versions === null || !isVersion(versions.a) || !isVersion(versions.b))
    return 'versions: must be {a, b} with a version string or null each';
  const p = o.pending as Record<string, unknown> | null;
  if (p !== null) {
    if (typeof p !== 'object') return 'pending: must be an object or null';
    if (typeof p.version !== 'string' || !isSlot(p.slot) || !isSlot(p.from) || !isVersion(p.fromVersion))
      return 'pending: needs version, slot, from and fromVersion';
    if (!Number.isFinite(p.deadline) || !Number.isInteger(p.starts))
      return 'pending: deadline and starts must be numbers';
  }
  const last = o.last as Record<string, unknown> | null;
  if (last !== null && (typeof last !== 'object' || typeof last.version !== 'string'))
    return 'last: must be an object with a version, or null';
  return v as UpdateState;
}
