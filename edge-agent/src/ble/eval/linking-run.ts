// The linking target measured end to end on a simulated day with the real positioner: the day's phones
// and staff tags heard by the layout's scanners (simulated radio), through the beacon gate, the
// streaming Positioner (trilateration with the scanners' calibration, or fingerprinting on a simulated
// calibration walk) asked for fixes once a second from what it heard so far, and those fixes fused with
// camera tracks made from the truth, as the gateway fuses them. Per method: the linking report, the
// fixes' accuracy, and how far any causal linker could get with those fixes (linking-bound.ts).
// Pure apart from the HMAC behind the default rotating-id function: no files, no clock.
import { buildWalkableGrid, type RotatingIdFor, type StoreLayout } from '@retail/contracts';
import type { DayTruth, Trajectory } from '../../simulator/truth.js';
import { createBeaconClassifier } from '../advertising/beacon-classifier.js';
import type { BeaconFix, KeptReception, PositioningMethod } from '../ble-types.js';
import { DEFAULT_FUSION_OPTIONS, type FusionOptions } from '../fusion/fusion-options.js';
import { siteOfLayout } from '../fusion/fusion-site.js';
import { evaluateLinking, type LinkingReport } from '../fusion/linking-eval.js';
import { type CameraTrackOptions, cameraTracksFromTruth } from '../fusion/truth-streams.js';
import { anchorsOfLayout } from '../layout-anchors.js';
import { type FloorConstraint, walkableFromGrid } from '../positioning/floor-constraint.js';
import { chooseMethod, type MethodChoice } from '../positioning/method-choice.js';
import type { PositionerOptions } from '../positioning/positioner.js';
import {
  createPositioner,
  type PositioningSetup,
  preparePositioning,
} from '../positioning/positioning-setup.js';
import { type Emitter, emittersOfDay } from '../simulated/emitters.js';
import { nodeRotatingIdFor } from '../simulated/node-hmac.js';
import type { RadioModel } from '../simulated/radio-model.js';
import { simulateReceptions } from '../simulated/reception-model.js';
import { type CalibrationWalkOptions, simulateCalibrationData } from './calibration-walk.js';
import { fixesCausally } from './causal-fixes.js';
import { dayWindow } from './day-window.js';
import { type FixAccuracy, FixAccuracyMeter } from './fix-accuracy.js';
import { type LinkingBound, linkingBound } from './linking-bound.js';

export type LinkingMethodFlag = PositioningMethod | 'auto' | 'both';

export interface LinkingRunOptions {
  day: Pick<DayTruth, 'shoppers' | 'staff' | 'day'>;
  /** The layout in force that day: scanners (anchors with calibration), floor, zones, staff tags. */
  layout: StoreLayout;
  /** Only this gateway's scanners listen (default: every scanner of the store, as the gateway uses). */
  gatewayId?: string;
  seed: number;
  /**
   * 'trilateration' (the default) with the scanners' calibration from the layout; 'fingerprint' on the
   * map of a simulated calibration walk; 'auto' picks by cross-validation on the walk and 'both' runs
   * each. With a walk, trilateration uses the path loss fitted on it, as the gateway does.
   */
  method?: LinkingMethodFlag;
  radio?: Partial<RadioModel>;
  /** Camera tracks from the truth; their seed defaults to seed + 1. */
  camera?: Partial<CameraTrackOptions>;
  /** The window evaluated (default the day's opening hours). */
  fromTs?: number;
  toTs?: number;
  rotatingIdFor?: RotatingIdFor;
  fusion?: Partial<FusionOptions>;
  /** Positioner settings beyond anchors, method and floor (filters, motion, staleness). */
  positioner?: Omit<PositionerOptions, 'anchors' | 'method' | 'radioMap'>;
  /** The simulated calibration walk; it happens before the window, store empty. */
  calibration?: Omit<CalibrationWalkOptions, 'startTs'>;
  /** Phones advertising random addresses: heard, dropped at the gate, counted (0). */
  strangers?: number;
  /** Fixes asked of the positioner per second (1). */
  fixHz?: number;
  onProgress?: (p: { ts: number; share: number }) => void;
}

export interface MethodRun {
  method: PositioningMethod;
  linking: LinkingReport;
  positioning: FixAccuracy;
  bound: LinkingBound;
}

export interface LinkingRunReport {
  fromTs: number;
  toTs: number;
  runs: MethodRun[];
  /** With 'auto' or 'both': the cross-validated choice on the calibration walk. */
  choice?: MethodChoice;
  calibration?: { points: number; truthRows: number; receptions: number; radioMapPoints: number };
  counts: {
    shoppers: number;
    optedInPhones: number;
    staffTags: number;
    receptions: number;
    strangerReceptions: number;
    cameraObservations: number;
    cameraTracks: number;
  };
}

const HOUR = 3_600_000;
/** Margins for the identifiability bound: none (optimistic) and 25% (a linker that avoids wrong links). */
const BOUND_MARGINS = [0, 0.25] as const;

export function runLinkingEvaluation(o: LinkingRunOptions): LinkingRunReport {
  const fromTs = o.fromTs ?? o.day.day.openMs;
  const toTs = o.toTs ?? o.day.day.closeMs;
  const people = dayWindow(o.day, fromTs, toTs);
  const rotatingIdFor = o.rotatingIdFor ?? nodeRotatingIdFor;
  const anchors = anchorsOfLayout(o.layout, o.gatewayId);
  if (anchors.length < 3) {
    const whose = o.gatewayId ? `gateway ${o.gatewayId} has` : 'the layout has';
    throw new RangeError(`positioning needs at least 3 scanners, ${whose} ${anchors.length}`);
  }
  const flag = o.method ?? 'trilateration';
  const radio = o.radio ? { radio: o.radio } : {};

  let setup: PositioningSetup = preparePositioning(anchors);
  let choice: MethodChoice | undefined;
  let calibration: LinkingRunReport['calibration'];
  if (flag !== 'trilateration') {
    const startTs = fromTs - 6 * HOUR;
    const { walk, data } = simulateCalibrationData(o.layout, anchors, {
      ...o.calibration,
      startTs,
      seed: o.seed + 2,
      ...radio,
    });
    setup = preparePositioning(anchors, data);
    calibration = {
      points: walk.points,
      truthRows: walk.truths.length,
      receptions: data.receptions.length,
      radioMapPoints: setup.radioMap?.points.length ?? 0,
    };
    if (flag === 'auto' || flag === 'both') choice = chooseMethod(anchors, data);
  }
  const methods: PositioningMethod[] =
    flag === 'both'
      ? ['trilateration', 'fingerprint']
      : [flag === 'auto' ? (choice?.method ?? 'trilateration') : flag];
  const floor = floorOf(o.layout);
  const positioners = methods.map((m) => createPositioner(setup, m, { floor, ...o.positioner }));

  const emitters = emittersOfDay(people, { rotatingIdFor, seed: o.seed, strangers: o.strangers ?? 0 });
  const truthOf = truthLookup(emitters, fromTs, toTs);
  const fixLagMs = { ...DEFAULT_FUSION_OPTIONS, ...o.fusion }.fixLagMs;
  const meters = methods.map(() => new FixAccuracyMeter({ truthOf, layout: o.layout, fixLagMs }));
  const fixes: BeaconFix[][] = methods.map(() => []);
  const gate = gatedReceptions(
    simulateReceptions({ emitters, anchors, seed: o.seed, ...radio }, fromTs, toTs),
    createBeaconClassifier({ staffTags: o.layout.staffTags, acceptLoyalty: true }).classify,
  );
  let nextProgress = fromTs + 10 * 60_000;
  fixesCausally({
    receptions: gate.receptions,
    positioners,
    fromTs,
    toTs,
    stepMs: 1000 / (o.fixHz ?? 1),
    onFix: (i, fix) => {
      fixes[i]?.push(fix);
      meters[i]?.add(fix);
    },
    onTick: (ts) => {
      if (ts < nextProgress) return;
      o.onProgress?.({ ts, share: (ts - fromTs) / (toTs - fromTs) });
      nextProgress += 10 * 60_000;
    },
  });

  const cameras = cameraTracksFromTruth(people, { ...o.camera, seed: o.camera?.seed ?? o.seed + 1 });
  const runs = methods.map((method, i) => {
    const f = fixes[i] ?? [];
    const linking = evaluateLinking({
      day: people,
      observations: cameras.observations,
      owners: cameras.owners,
      fixes: f,
      rotatingIdFor,
      site: siteOfLayout(o.layout),
      ...(o.fusion ? { fusion: o.fusion } : {}),
    });
    const bound = linkingBound({ day: people, fixes: f, truthOf, lagMs: fixLagMs, margins: BOUND_MARGINS });
    return { method, linking, positioning: (meters[i] as FixAccuracyMeter).summary(), bound };
  });
  return {
    fromTs,
    toTs,
    runs,
    ...(choice ? { choice } : {}),
    ...(calibration ? { calibration } : {}),
    counts: {
      shoppers: people.shoppers.length,
      optedInPhones: emitters.filter((e) => e.kind === 'loyalty').length,
      staffTags: emitters.filter((e) => e.kind === 'staff').length,
      receptions: gate.counts.kept,
      strangerReceptions: gate.counts.strangers,
      cameraObservations: cameras.observations.length,
      cameraTracks: cameras.owners.size,
    },
  };
}

/** The layout's floor box and walkable area (staff-only rooms included: staff tags go there). */
export function floorOf(layout: StoreLayout): FloorConstraint {
  const grid = buildWalkableGrid(layout, { includeStaffOnly: true });
  return {
    bounds: { minX: 0, minY: 0, maxX: layout.floor.width, maxY: layout.floor.depth },
    walkable: walkableFromGrid(grid),
  };
}

/** The beacon gate: receptions of known beacons with their role; strangers counted and dropped. */
function gatedReceptions(
  receptions: Iterable<KeptReception | Omit<KeptReception, 'role'>>,
  classify: (beacon: string) => KeptReception['role'] | undefined,
): { receptions: Iterable<KeptReception>; counts: { kept: number; strangers: number } } {
  const counts = { kept: 0, strangers: 0 };
  function* kept(): Generator<KeptReception> {
    for (const r of receptions) {
      const role = classify(r.beacon);
      if (!role) {
        counts.strangers++;
        continue;
      }
      counts.kept++;
      yield { ...r, role };
    }
  }
  return { receptions: kept(), counts };
}

/** Beacon id → the trajectory of whoever advertised it (every rotating id of a phone maps to its carrier). */
function truthLookup(
  emitters: readonly Emitter[],
  fromTs: number,
  toTs: number,
): (beacon: string) => Trajectory | undefined {
  const map = new Map<string, Trajectory>();
  for (const e of emitters) {
    if (e.kind === 'stranger') continue;
    const t = e.trajectory;
    const end = Math.min(toTs, t.startTs + (Math.floor(t.xy.length / 2) - 1) * t.intervalMs);
    for (let ts = Math.max(fromTs, t.startTs); ts < end; ts += 60_000) map.set(e.beaconAt(ts), t);
    map.set(e.beaconAt(end), t);
  }
  return (beacon) => map.get(beacon);
}
