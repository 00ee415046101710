// Zone-to-zone flows for the API, from the gateways' transition roll-ups when they have any for the
// range, else from sessions (imported visits and gateway paths). A step within one zone is not a
// flow between zones and is left out; links come busiest first.
import type { FlowsResult } from '../../http/analytics-port.js';
import type { TransitionTotal } from '../../storage/analytics-store.js';
import type { ShopperSession } from '../paths/sessions.js';
import { zoneTransitionMatrix } from '../paths/transition-matrix.js';

type Link = FlowsResult['links'][number];

/** Roll-up totals; `sessions` is what the range's entrance counts say walked in. */
export function flowsFromTotals(totals: readonly TransitionTotal[], sessions: number): FlowsResult {
  return { sessions, links: ordered(totals.filter((t) => t.from !== t.to && t.count > 0)) };
}

export function flowsFromSessions(sessions: readonly ShopperSession[]): FlowsResult {
  const m = zoneTransitionMatrix(sessions);
  const links: Link[] = [];
  m.counts.forEach((row, i) => {
    row.forEach((count, j) => {
      if (i !== j && count > 0) links.push({ from: m.zones[i]!, to: m.zones[j]!, count });
    });
  });
  return { sessions: sessions.length, links: ordered(links) };
}

function ordered(links: Link[]): Link[] {
  return links
    .map(({ from, to, count }) => ({ from, to, count }))
    .sort((a, b) => b.count - a.count || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
}
