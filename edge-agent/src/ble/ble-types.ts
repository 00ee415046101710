// The shared shapes of the radio half of the gateway: what a scanner hears (a reception), what
// positioning makes of it (a fix), and the one interface every reception source implements.
// Sources → advertising (classify, drop strangers) → positioning (per beacon) → fusion (camera tracks).
import type { Anchor, RssiSample } from '@retail/contracts';

/** One advertisement heard by one anchor (scanner): the RSSI CSV row. `beacon` is a canonical id. */
export type Reception = RssiSample;

/** What a beacon is to the store, decided on the gateway before anything is kept. */
export type BeaconRole = 'staff' | 'loyalty' | 'calibration';

/** A reception the gateway keeps: its beacon was recognised (staff tag, loyalty app, calibration phone). */
export interface KeptReception extends Reception {
  role: BeaconRole;
}

/** A beacon's estimated floor position at one instant. */
export interface BeaconFix {
  /** Epoch ms. */
  ts: number;
  beacon: string;
  role: BeaconRole;
  /** Floor metres. */
  x: number;
  y: number;
  /** 1-sigma uncertainty of the position, metres (from the solver's residual or the kNN spread). */
  sigmaM: number;
  method: PositioningMethod;
}

export type PositioningMethod = 'trilateration' | 'fingerprint';

/** Anchors as the positioning core uses them: the layout's scanners or an anchors file. */
export type AnchorSpec = Anchor;

/** Where receptions come from: BlueZ, ESPresense over MQTT, a replayed log, the simulator. */
export interface ReceptionSource {
  /** A human-readable name for logs and metrics ("bluez hci0", "espresense mqtt://…", a file). */
  readonly name: string;
  /** Starts delivering; rejects with a clear message when the source cannot start at all. */
  start(onReception: (r: Reception) => void): Promise<void>;
  stop(): Promise<void>;
  /** Counters for the gateway's metrics: receptions delivered, dropped as unknown/malformed. */
  readonly counters: ReceptionCounters;
}

export interface ReceptionCounters {
  delivered: number;
  /** Advertisements from beacons nobody registered (passing phones): dropped at once, never kept. */
  strangers: number;
  /** Payloads that could not be parsed (named in a rate-limited log line, then counted). */
  malformed: number;
}

export function newReceptionCounters(): ReceptionCounters {
  return { delivered: 0, strangers: 0, malformed: 0 };
}
