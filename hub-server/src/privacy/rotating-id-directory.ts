// Turns the loyalty app's rotating identifiers that gateways publish on opted-in paths back into member
// pseudonyms. The hub knows each enrolled member's app secret; for a time slot it computes every
// member's identifier (the scheme in @retail/contracts rotating-id.ts) once and looks paths up in that
// table. A path resolves only when all its identifiers that resolve name the same member; a path that
// names two members is a gateway mis-link and stays anonymous rather than being given to either.
import { ROTATION_SLOT_MS, type RotatingIdFor, rotationSlot } from '@retail/contracts';

export interface EnrolledMember {
  pid: string;
  appSecret: string;
}

/** One identifier seen on a gateway path, with the window it was published in. */
export interface PathRotatingId {
  pathId: string;
  rotatingId: string;
  windowStart: number;
}

export interface PathResolution {
  /** pathId → member pseudonym. */
  resolved: Map<string, string>;
  /** Paths whose identifiers named more than one member. */
  conflicting: number;
  /** Paths with no identifier of any enrolled member (not yet enrolled, or another app's beacon). */
  unknown: number;
}

export class RotatingIdDirectory {
  readonly #tables = new Map<number, Map<string, string>>();

  constructor(
    private readonly members: readonly EnrolledMember[],
    private readonly rotatingIdFor: RotatingIdFor,
    private readonly o: { slotMs?: number; maxCachedSlots?: number } = {},
  ) {}

  /** The member whose app advertised `rotatingId` in the slot of `ts` or a neighbouring one (clock skew). */
  memberOf(rotatingId: string, ts: number): string | undefined {
    const slot = rotationSlot(ts, this.o.slotMs ?? ROTATION_SLOT_MS);
    for (const s of [slot, slot + 1, slot - 1]) {
      if (s < 0) continue;
      const pid = this.#table(s).get(rotatingId);
      if (pid !== undefined) return pid;
    }
    return undefined;
  }

  resolve(rows: Iterable<PathRotatingId>): PathResolution {
    const byPath = new Map<string, Set<string>>();
    for (const r of rows) {
      let pids = byPath.get(r.pathId);
      if (!pids) {
        pids = new Set();
        byPath.set(r.pathId, pids);
      }
      const pid = this.memberOf(r.rotatingId, r.windowStart);
      if (pid !== undefined) pids.add(pid);
    }
    const out: PathResolution = { resolved: new Map(), conflicting: 0, unknown: 0 };
    for (const [pathId, pids] of byPath) {
      if (pids.size === 1) out.resolved.set(pathId, [...pids][0]!);
      else if (pids.size > 1) out.conflicting++;
      else out.unknown++;
    }
    return out;
  }

  #table(slot: number): Map<string, string> {
    let table = this.#tables.get(slot);
    if (table) return table;
    table = new Map();
    for (const m of this.members) table.set(this.rotatingIdFor(m.appSecret, slot), m.pid);
    const max = this.o.maxCachedSlots ?? 512;
    if (this.#tables.size >= max) this.#tables.delete(this.#tables.keys().next().value!);
    this.#tables.set(slot, table);
    return table;
  }
}
