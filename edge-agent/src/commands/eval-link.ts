// `edge-agent eval link`: the camera–beacon linking target measured end to end on a scenario's simulated
// day with the real BLE positioner (simulated radio → positioner → fusion with camera tracks from the
// truth). Progress on stderr, JSON on the last line.
import { performance } from 'node:perf_hooks';
import { type MethodRun, runLinkingEvaluation } from '../ble/eval/linking-run.js';
import type { LinkingFigures } from '../ble/fusion/linking-eval.js';
import { loadScenarioFile } from '../simulator/scenario-files.js';
import { isoUtc, tradingDay } from '../simulator/scenario-time.js';
import { prepareSimulation, simulateDay } from '../simulator/simulate-day.js';
import { numberFlag, UsageError } from './vision-flags.js';

export const evalLinkUsage = `Usage: edge-agent eval link --scenario FILE [--day N] [--from HH:MM --to HH:MM]
                          [--method trilateration|fingerprint|auto|both] [--seed N] [--gateway ID]

Simulates one day of the scenario, hears its app users' phones and staff tags with the layout's
scanners (simulated radio), positions them with the real positioner at 1 Hz from what was heard so
far, fuses the fixes with camera tracks made from the truth, and judges the links as the gateway
publishes them: each observation with its track's identity (rotating ids, staff flag) when its 60 s
window closes, 60 s after its end and not before the first 10 minutes (fusion warming up, as after
the gateway's BLE starts); "atReceipt" judges the ids as known when each observation arrived, as the
gateway published before, for comparison. "trilateration" (the default) uses the scanners' calibration from the layout; the
other methods first simulate a calibration walk over the floor ("auto" picks a method by
cross-validation on it, "both" runs each).
Prints {optedInShoppers, linkedRight, linkedShare, wrongLinks, wrongLinkRate, staffCountedAsShoppers,
atReceipt: {linkedRight, linkedShare, wrongLinks, …}, positioning: {medianErrorM, p90ErrorM, method},
…} as JSON on the last line.

Options:
  --scenario FILE   scenario JSON (fixtures/scenarios/*.json)
  --day N           which day of the scenario, from 0 (default 0)
  --from, --to      local opening-day window HH:MM (default the opening hours)
  --method M        trilateration (default), fingerprint, auto or both
  --seed N          radio and camera seed (default the scenario's seed)
  --gateway ID      only this gateway's scanners listen (default all of the store's)`;

const METHODS = ['trilateration', 'fingerprint', 'auto', 'both'] as const;
type MethodFlag = (typeof METHODS)[number];

/** Minutes after local midnight of `HH:MM`; a bad value is named. */
function clockFlag(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || h * 60 + min > 1440)
    throw new UsageError(`--${name} must be a time HH:MM, not "${String(v)}"`);
  return h * 60 + min;
}

export async function evalLink(values: Record<string, unknown>): Promise<number> {
  const scenarioFile = values.scenario;
  if (typeof scenarioFile !== 'string') throw new UsageError(`missing --scenario\n\n${evalLinkUsage}`);
  const dayIndex = numberFlag(values.day, 'day', 0, 0, 365);
  if (!Number.isInteger(dayIndex)) throw new UsageError('--day must be a whole number');
  const method = (values.method ?? 'trilateration') as MethodFlag;
  if (!METHODS.includes(method))
    throw new UsageError(`--method must be one of ${METHODS.join(', ')}, not "${String(values.method)}"`);
  const from = clockFlag(values.from, 'from');
  const to = clockFlag(values.to, 'to');
  const gatewayId = typeof values.gateway === 'string' ? values.gateway : undefined;

  const loaded = await loadScenarioFile(scenarioFile);
  const { scenario } = loaded;
  if (dayIndex >= scenario.days)
    throw new UsageError(`--day ${dayIndex}: the scenario has ${scenario.days} day(s), from 0`);
  const seed = numberFlag(values.seed, 'seed', scenario.seed, 0, 2 ** 32);
  const td = tradingDay(scenario, dayIndex);
  const fromTs = from === undefined ? td.openMs : td.midnightMs + from * 60_000;
  const toTs = to === undefined ? td.closeMs : td.midnightMs + to * 60_000;
  if (!(toTs > fromTs)) throw new UsageError('--to must be later than --from');

  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.error(`simulating ${scenario.name} day ${dayIndex} (${td.date})…`);
  const sim = prepareSimulation(loaded);
  const day = simulateDay(sim, dayIndex);
  const layout = sim.worldFor(dayIndex).layout;
  console.error(
    `${day.shoppers.length} shoppers, ${day.staff.length} staff; evaluating ${isoUtc(fromTs)} → ${isoUtc(toTs)} with ${method} (${elapsed()})`,
  );
  const report = runLinkingEvaluation({
    day,
    layout,
    seed,
    method,
    fromTs,
    toTs,
    ...(gatewayId ? { gatewayId } : {}),
    onProgress: (p) =>
      console.error(`… ${isoUtc(p.ts).slice(11, 16)} (${Math.round(p.share * 100)}%, ${elapsed()})`),
  });
  for (const r of report.runs) console.error(`${r.method}: ${JSON.stringify(r.positioning.byZone)}`);
  console.error(`done (${elapsed()})`);
  const runs = report.runs.map(summary);
  const head = {
    scenario: scenario.name,
    day: dayIndex,
    date: td.date,
    from: isoUtc(fromTs),
    to: isoUtc(toTs),
    counts: report.counts,
    ...(report.calibration ? { calibration: report.calibration } : {}),
    ...(report.choice ? { choice: { method: report.choice.method, scores: report.choice.scores } } : {}),
  };
  console.log(JSON.stringify(runs.length === 1 ? { ...runs[0], ...head } : { runs, ...head }));
  return 0;
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** The figures of one view: identities at window close (published), or as each observation arrived. */
function figures(l: LinkingFigures) {
  return {
    linkedRight: l.linkedRight,
    linkedShare: r3(l.linkedRightShare),
    wrongLinks: l.wrongLinks,
    links: l.links,
    wrongLinkRate: r3(l.wrongLinkRate),
    meanOwnIdTimeShare: r3(l.meanOwnIdTimeShare),
    shoppersWithForeignIds: l.shoppersWithForeignIds,
    optedInWithForeignIds: l.optedInWithForeignIds,
    ownIdCoverage: l.ownIdCoverage.map((c) => ({ ...c, share: r3(c.share) })),
    staffCountedAsShoppers: l.staffCountedAsShoppers,
    staffTracksNeverFlagged: l.staffTracksNeverFlagged,
    staffPublishedObservations: l.staffPublishedObservations,
    shopperTimeLostAsStaff: r3(l.shopperTimeLostAsStaff),
  };
}

function summary(run: MethodRun) {
  const l = run.linking;
  const p = run.positioning;
  return {
    optedInShoppers: l.optedInShoppers,
    ...figures(l),
    staffTracks: l.staffTracks,
    atReceipt: figures(l.atReceipt),
    positioning: {
      method: run.method,
      medianErrorM: p.medianErrorM,
      p90ErrorM: p.p90ErrorM,
      fixes: p.fixes,
      medianSigmaM: p.medianSigmaM,
      meanNormalisedError2: p.meanNormalisedError2,
      bestLagMs: p.bestLagMs,
      worstZones: p.byZone.slice(0, 3),
    },
    identifiable: run.bound.identifiable.map((b) => ({ margin: b.margin, share: r3(b.share) })),
    fusion: l.counters,
  };
}
