// The linking target with the real positioner, on the simulated evening linking-eval.test.ts uses (two
// hours, 260 shoppers, 30% with the app): the simulated radio heard by the layout's eight scanners,
// trilateration at 1 Hz from what was heard so far, fused with camera tracks from the truth.
// Targets: ≥ 90% of opted-in shoppers linked to their own identity, no staff counted as a shopper.
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareSimulation, simulateDay } from '../../simulator/simulate-day.js';
import { demoScenario, loadDemo } from '../../simulator/simulator-test-kit.js';
import { type LinkingRunReport, type MethodRun, runLinkingEvaluation } from './linking-run.js';

describe('linking with the real positioner on a simulated evening', () => {
  let report: LinkingRunReport;
  let run: MethodRun;
  beforeAll(async () => {
    const demo = await loadDemo();
    const scenario = await demoScenario({
      openingHours: { open: '17:00', close: '19:00' },
      arrivals: { perDay: 260, lastEntryMinutesBeforeClose: 10, sameDoorFraction: 0.8 },
      shoppers: { optedInFraction: 0.3, loyaltyCardFraction: 0.45, appUsersScanCard: 0.85, memberPool: 6000 },
    });
    const day = simulateDay(prepareSimulation({ ...demo, scenario }), 0);
    report = runLinkingEvaluation({
      day,
      layout: demo.layout,
      seed: 7,
      method: 'trilateration',
      strangers: 20,
    });
    run = report.runs[0] as MethodRun;
  }, 120_000);

  it('positions every phone and staff tag once a second, judged against the truth', () => {
    expect(report.runs.map((r) => r.method)).toEqual(['trilateration']);
    expect(report.counts.optedInPhones).toBeGreaterThan(40);
    expect(report.counts.staffTags).toBe(3);
    // Strangers are heard and dropped at the gate, never positioned.
    expect(report.counts.strangerReceptions).toBeGreaterThan(0);
    // Two hours of phones at about one fix a second each.
    expect(run.positioning.fixes).toBeGreaterThan(40_000);
    expect(run.positioning.medianErrorM).toBeGreaterThan(0.5);
    expect(run.positioning.medianErrorM).toBeLessThan(8);
    expect(run.positioning.p90ErrorM).toBeGreaterThan(run.positioning.medianErrorM);
    expect(run.positioning.byZone.length).toBeGreaterThan(8);
  });

  it('never counts a staff member as a shopper', () => {
    expect(run.linking.staffTracks).toBeGreaterThan(0);
    expect(run.linking.staffTracksNeverFlagged).toBe(0);
    // Not even for a window: no staff observation was published before its track was flagged.
    expect(run.linking.staffCountedAsShoppers).toBe(0);
    expect(run.linking.staffPublishedObservations).toBe(0);
  });

  it('gives fixes from which an ideal causal linker could identify most phones', () => {
    const [noMargin] = run.bound.identifiable;
    expect(run.bound.phones).toBeGreaterThan(40);
    expect(noMargin?.share).toBeGreaterThanOrEqual(0.9);
  });

  // Target: ≥ 90% of opted-in shoppers linked to their own identity, ≤ 5% wrong links. With this radio
  // (4 dB correlated shadowing, up to 8 dB body loss) and the layout's eight scanners the fixes are ~4.9 m
  // median (p90 ~11 m). Judged as the gateway publishes — each observation with its track's identity when
  // its window closes (end + 60 s grace, none in the first 10 minutes), an earlier fragment with the
  // identity of the person its chain became — 69 of the 74 opted-in shoppers carry their own ids for at
  // least half their observed time (0.932; 51 for 80% of it) with 3 wrong of 207 links; as annotated
  // when each observation arrived (the gateway before), 63 of 74 (0.851; 32 for 80%). The same evening
  // with 1.5 m fixes links all 74 (linking-eval.test.ts).
  it('links nine in ten opted-in shoppers to their own identity as published, rarely a wrong one', () => {
    const l = run.linking;
    expect(l.optedInShoppers).toBeGreaterThan(40);
    expect(l.linkedRightShare).toBeGreaterThanOrEqual(0.9);
    expect(l.wrongLinkRate).toBeLessThan(0.05);
    expect(l.wrongIdTimeShare).toBeLessThan(0.05);
    const [half, most] = l.ownIdCoverage;
    expect(half).toEqual({ atLeast: 0.5, shoppers: l.linkedRight, share: l.linkedRightShare });
    // Resolving identities at close only adds what fusion learnt within the grace.
    expect(l.linkedRight).toBeGreaterThan(l.atReceipt.linkedRight);
    expect(most?.shoppers).toBeGreaterThan(l.atReceipt.ownIdCoverage[1]?.shoppers ?? 0);
    expect(l.atReceipt.linkedRightShare).toBeGreaterThanOrEqual(0.84);
  });
});
