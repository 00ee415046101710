// The linking evaluation on a simulated evening in the demo store: camera tracks and BLE fixes made from
// the truth (5 Hz tracks with 0.3 m noise, fragmented into 2–3 tracks per person; fixes at 1 Hz with
// 1.5 m correlated error and 1–2 s lag), fused, and judged. Targets: ≥ 90% of opted-in shoppers linked
// to their own identity, no staff counted as a shopper.
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareSimulation, simulateDay } from '../../simulator/simulate-day.js';
import { demoScenario, loadDemo } from '../../simulator/simulator-test-kit.js';
import type { DayTruth } from '../../simulator/truth.js';
import { nodeRotatingIdFor } from '../simulated/node-hmac.js';
import { evaluateLinking, type LinkingReport } from './linking-eval.js';
import { beaconFixesFromTruth, cameraTracksFromTruth } from './truth-streams.js';

describe('linking on a simulated day', () => {
  let day: DayTruth;
  let report: LinkingReport;
  let reportByProximity: LinkingReport;
  beforeAll(async () => {
    const demo = await loadDemo();
    const scenario = await demoScenario({
      openingHours: { open: '17:00', close: '19:00' },
      arrivals: { perDay: 260, lastEntryMinutesBeforeClose: 10, sameDoorFraction: 0.8 },
      shoppers: { optedInFraction: 0.3, loyaltyCardFraction: 0.45, appUsersScanCard: 0.85, memberPool: 6000 },
    });
    day = simulateDay(prepareSimulation({ ...demo, scenario }), 0);
    const cameras = cameraTracksFromTruth(day, { seed: 11 });
    const fixes = beaconFixesFromTruth(day, { seed: 12, rotatingIdFor: nodeRotatingIdFor });
    report = evaluateLinking({ day, ...cameras, fixes, rotatingIdFor: nodeRotatingIdFor });
    reportByProximity = evaluateLinking({
      day,
      observations: cameras.observations,
      fixes,
      rotatingIdFor: nodeRotatingIdFor,
    });
  }, 240_000);

  it('links at least 90% of opted-in shoppers to their own rotating ids', () => {
    expect(report.optedInShoppers).toBeGreaterThan(40);
    expect(report.linkedRightShare).toBeGreaterThanOrEqual(0.9);
  });

  it('rarely links a wrong id', () => {
    expect(report.wrongLinkRate).toBeLessThan(0.05);
    expect(report.wrongIdTimeShare).toBeLessThan(0.02);
  });

  it('never counts staff as shoppers', () => {
    expect(report.staffTracks).toBeGreaterThan(0);
    expect(report.staffTracksNeverFlagged).toBe(0);
    // Before a staff track is flagged its first observations pass, but the aggregator purges them from
    // the open window once the flag comes: only those of windows already closed would be published,
    // and none are (staff tags walking together flag both tracks; measured 0 of 151 796, where 1 200
    // were before).
    expect(report.atReceipt.staffUnflaggedObservations).toBeGreaterThan(0);
    expect(report.atReceipt.staffPublishedObservations).toBe(0);
    // At the window's close the aggregator asks fusion: what it had flagged by then is not published
    // (measured 0 staff observations unflagged at close, of 427 unflagged on arrival).
    expect(report.staffUnflaggedObservations).toBeLessThanOrEqual(
      report.atReceipt.staffUnflaggedObservations,
    );
    expect(report.staffPublishedObservations).toBe(0);
    expect(report.staffCountedAsShoppers).toBe(0);
    expect(report.shopperTimeLostAsStaff).toBeLessThan(0.03);
  });

  it('covers most of each linked path, not just half of it', () => {
    // Measured 74, 74 and 73 of 74 at 50%, 80% and 90% of their observed time as published (ids at
    // window close); 73, 69 and 46 with the ids each observation carried when it arrived.
    const [half, most] = report.ownIdCoverage;
    expect(half?.shoppers).toBe(report.linkedRight);
    expect(most?.share).toBeGreaterThanOrEqual(0.85);
    expect(report.optedInWithForeignIds).toBe(0);
  });

  it('judges the same with owners found by proximity as with the true owners', () => {
    expect(reportByProximity.optedInShoppers).toBe(report.optedInShoppers);
    expect(Math.abs(reportByProximity.linkedRightShare - report.linkedRightShare)).toBeLessThan(0.05);
  });
});
