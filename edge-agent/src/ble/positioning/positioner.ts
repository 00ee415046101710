// The streaming positioner: receptions in (push), beacon fixes out (fixAt / fixes), causal — a fix at
// ts uses only what was pushed so far, and the caller pushes in time order. Per beacon: one RSSI filter
// per anchor, a position from trilateration or fingerprinting over the links heard recently, and a
// constant-velocity Kalman filter over those positions.
import type {
  AnchorSpec,
  BeaconFix,
  BeaconRole,
  KeptReception,
  PositioningMethod,
  Reception,
} from '../ble-types.js';
import { locateByFingerprint, type RadioMap } from './fingerprint.js';
import { boundsAroundAnchors, constrainToFloor, type FloorConstraint } from './floor-constraint.js';
import { DEFAULT_BEACON_HEIGHT_M, distanceForRssi, type PathLoss, pathLossOf } from './log-distance.js';
import { DEFAULT_MOTION, MotionFilter, type MotionOptions } from './motion-kalman.js';
import { DEFAULT_RSSI_FILTER, RssiFilter, type RssiFilterOptions } from './rssi-filter.js';
import { type RangeObservation, trilaterate } from './trilateration.js';

export interface PositionerOptions {
  /** Anchors with their path-loss calibration (defaults where missing). */
  anchors: readonly AnchorSpec[];
  method: PositioningMethod;
  /** Required for 'fingerprint'; built from the same anchor order. */
  radioMap?: RadioMap;
  /** Floor box and walkable area; by default the box around the anchors plus 1 m. */
  floor?: FloorConstraint;
  beaconHeightM?: number;
  /** A link not heard for this long drops out of the solution, ms. */
  staleMs?: number;
  /** A beacon not heard for this long is forgotten entirely, ms. */
  forgetMs?: number;
  /** Path-loss model error per anchor id, dB (the calibration fit's RMS); 5 dB where absent. */
  modelErrorDb?: ReadonlyMap<string, number>;
  filter?: Partial<RssiFilterOptions>;
  /** false turns the motion filter off (raw per-update positions). */
  motion?: Partial<MotionOptions> | false;
  /** Role for receptions that do not carry one (plain replayed logs). */
  defaultRole?: BeaconRole;
  huberK?: number;
}

export interface PositionerCounters {
  receptions: number;
  /** Receptions from anchors not in the anchor list (dropped). */
  unknownAnchor: number;
  /** Receptions the Hampel test rejected. */
  spikes: number;
  /** Beacons forgotten after going quiet. */
  forgotten: number;
}

interface BeaconState {
  role: BeaconRole;
  links: (RssiFilter | undefined)[];
  lastSeen: number;
  /** lastSeen when the motion filter last took a measurement. */
  solvedAt: number;
  motion: MotionFilter | undefined;
  last: { x: number; y: number; sigmaM: number } | undefined;
}

const LN10_OVER_10 = Math.LN10 / 10;

export class Positioner {
  readonly counters: PositionerCounters = { receptions: 0, unknownAnchor: 0, spikes: 0, forgotten: 0 };
  private readonly anchorIndex: Map<string, number>;
  private readonly models: PathLoss[];
  private readonly modelVar: number[];
  private readonly beacons = new Map<string, BeaconState>();
  private readonly floor: FloorConstraint;
  private readonly filterOptions: RssiFilterOptions;
  private readonly motionOptions: MotionOptions | false;
  private readonly query: Float64Array;
  private readonly height: number;
  private readonly staleMs: number;
  private readonly forgetMs: number;

  constructor(private readonly options: PositionerOptions) {
    if (options.method === 'fingerprint' && !options.radioMap)
      throw new Error('fingerprint positioning needs a radio map from calibration data');
    if (options.anchors.length === 0) throw new Error('positioning needs at least one anchor');
    this.anchorIndex = new Map(options.anchors.map((a, i) => [a.id, i]));
    this.models = options.anchors.map((a) => pathLossOf(a));
    this.modelVar = options.anchors.map((a) => {
      const e = options.modelErrorDb?.get(a.id);
      return (e !== undefined && Number.isFinite(e) ? e : 5) ** 2;
    });
    this.floor = options.floor ?? { bounds: boundsAroundAnchors(options.anchors) };
    this.filterOptions = { ...DEFAULT_RSSI_FILTER, ...options.filter };
    this.motionOptions = options.motion === false ? false : { ...DEFAULT_MOTION, ...options.motion };
    this.query = new Float64Array(options.anchors.length);
    this.height = options.beaconHeightM ?? DEFAULT_BEACON_HEIGHT_M;
    this.staleMs = options.staleMs ?? 5000;
    this.forgetMs = options.forgetMs ?? 60_000;
  }

  get method(): PositioningMethod {
    return this.options.method;
  }

  /** Beacons currently tracked. */
  get size(): number {
    return this.beacons.size;
  }

  push(r: Reception | KeptReception): void {
    this.counters.receptions++;
    const a = this.anchorIndex.get(r.anchor);
    if (a === undefined) {
      this.counters.unknownAnchor++;
      return;
    }
    let state = this.beacons.get(r.beacon);
    if (!state) {
      state = {
        role: 'role' in r ? r.role : (this.options.defaultRole ?? 'loyalty'),
        links: new Array(this.models.length),
        lastSeen: r.ts,
        solvedAt: Number.NEGATIVE_INFINITY,
        motion: this.motionOptions ? new MotionFilter(this.motionOptions) : undefined,
        last: undefined,
      };
      this.beacons.set(r.beacon, state);
    }
    let link = state.links[a];
    if (!link) {
      link = new RssiFilter(this.filterOptions);
      state.links[a] = link;
    }
    if (link.push(r.ts, r.rssi)) state.lastSeen = Math.max(state.lastSeen, r.ts);
    else this.counters.spikes++;
  }

  /** The beacon's position at ts, or undefined when it is unknown, gone quiet or heard by too few anchors. */
  fixAt(beacon: string, ts: number): BeaconFix | undefined {
    const state = this.beacons.get(beacon);
    if (!state) return undefined;
    if (ts - state.lastSeen > this.forgetMs) {
      this.beacons.delete(beacon);
      this.counters.forgotten++;
      return undefined;
    }
    if (state.lastSeen > state.solvedAt) {
      const measured = this.measure(state, ts);
      if (measured) {
        state.solvedAt = state.lastSeen;
        if (state.motion) state.motion.update(state.lastSeen, measured.x, measured.y, measured.sigmaM);
        else state.last = measured;
      }
    }
    let x: number;
    let y: number;
    let sigmaM: number;
    if (state.motion) {
      if (!state.motion.initialised) return undefined;
      state.motion.predict(ts);
      ({ x, y, sigmaM } = state.motion.state);
    } else {
      if (!state.last) return undefined;
      ({ x, y, sigmaM } = state.last);
    }
    if (ts - state.lastSeen > this.staleMs) return undefined;
    const [cx, cy] = constrainToFloor(x, y, this.floor);
    return { ts, beacon, role: state.role, x: cx, y: cy, sigmaM, method: this.options.method };
  }

  /** Fixes for every beacon that has one at ts (forgetting beacons long gone). */
  fixes(ts: number): BeaconFix[] {
    const out: BeaconFix[] = [];
    for (const beacon of [...this.beacons.keys()]) {
      const fix = this.fixAt(beacon, ts);
      if (fix) out.push(fix);
    }
    return out;
  }

  /** One position from the links heard within staleMs of ts. */
  private measure(state: BeaconState, ts: number): { x: number; y: number; sigmaM: number } | undefined {
    const anchors = this.options.anchors;
    if (this.options.method === 'fingerprint') {
      let heard = 0;
      for (let a = 0; a < anchors.length; a++) {
        const link = state.links[a];
        const fresh = link !== undefined && ts - link.lastSeen <= this.staleMs;
        this.query[a] = fresh ? link.value : Number.NaN;
        if (fresh) heard++;
      }
      if (heard < 2 || !this.options.radioMap) return undefined;
      return locateByFingerprint(this.options.radioMap, this.query);
    }
    const obs: RangeObservation[] = [];
    for (let a = 0; a < anchors.length; a++) {
      const link = state.links[a];
      const anchor = anchors[a];
      const model = this.models[a];
      if (!link || !anchor || !model || ts - link.lastSeen > this.staleMs) continue;
      const range = distanceForRssi(link.value, model);
      const sigmaDb = Math.sqrt(link.varianceAt(ts) + (this.modelVar[a] as number));
      // d = 10^((A − rssi)/(10n)) ⇒ σ_d ≈ d·ln10/(10n)·σ_rssi: far anchors are trusted less.
      const sigma = Math.max(0.05, (range * LN10_OVER_10 * sigmaDb) / model.exponent);
      obs.push({ ax: anchor.x, ay: anchor.y, dz: anchor.z - this.height, range, sigma });
    }
    const prior = state.motion?.initialised ? state.motion.state : state.last;
    const solved = trilaterate(obs, {
      floor: this.floor,
      huberK: this.options.huberK ?? 1.5,
      maxIterations: 30,
      ...(prior ? { initial: { x: prior.x, y: prior.y } } : {}),
    });
    return solved ? { x: solved.x, y: solved.y, sigmaM: solved.sigmaM } : undefined;
  }
}
