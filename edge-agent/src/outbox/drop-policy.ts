// Which waiting message the bound sacrifices next: the kinds listed in `kindPriority` go first, in
// that order; kinds nobody listed go last, as one group. Within a group, `order` picks the oldest
// (keep fresh data) or the newest (keep history; a message arriving at a full outbox is refused).
import type { IndexEntry, PendingIndex } from './pending-index.js';

export interface DropPolicy {
  order: 'oldest-first' | 'newest-first';
  kindPriority: readonly string[];
}

export function chooseVictim<E extends IndexEntry>(
  index: PendingIndex<E>,
  policy: DropPolicy,
): E | undefined {
  const oldestFirst = policy.order === 'oldest-first';
  const pick = (kind: string) => (oldestFirst ? index.oldest(kind) : index.newest(kind));
  for (const kind of policy.kindPriority) {
    const e = pick(kind);
    if (e) return e;
  }
  let best: E | undefined;
  for (const kind of index.kinds()) {
    if (policy.kindPriority.includes(kind)) continue;
    const e = pick(kind);
    if (e && (!best || (oldestFirst ? e.seq < best.seq : e.seq > best.seq))) best = e;
  }
  return best;
}
