// A simulated day in the files `edge-agent eval ble` reads: anchors JSON, the RSSI log
// `ts,anchor,beacon,rssi` and the beacon ground truth `ts,beacon,x,y`. Pure string builders (the caller
// writes the files). Only registered beacons (app phones, staff tags) are written: a stranger's id is
// never stored, not even a simulated one.
import { formatCsvRow, formatRssiCsv, TRUTH_CSV_COLUMNS } from '@retail/contracts';
import { positionAt } from '../../emulator/population.js';
import type { AnchorSpec } from '../ble-types.js';
import type { Emitter } from './emitters.js';
import { type ReceptionModelOptions, simulateReceptions } from './reception-model.js';

export { anchorsOfLayout } from '../layout-anchors.js';

/** The anchors file, one anchor a line. */
export function anchorsJson(anchors: readonly AnchorSpec[]): string {
  return `[\n${anchors.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n]\n`;
}

/** Ground truth of the emitters every `everyMs` in [fromTs, toTs), in time order, as CSV lines. */
export function* beaconTruthCsv(
  emitters: readonly Emitter[],
  fromTs: number,
  toTs: number,
  everyMs = 500,
): Generator<string> {
  if (!(everyMs > 0)) throw new RangeError(`everyMs must be > 0, got ${everyMs}`);
  yield `${TRUTH_CSV_COLUMNS.join(',')}\n`;
  for (let ts = Math.ceil(fromTs / everyMs) * everyMs; ts < toTs; ts += everyMs) {
    for (const e of emitters) {
      const p = positionAt(e.trajectory, ts);
      if (p) yield `${formatCsvRow([String(ts), e.beaconAt(ts), p[0].toFixed(3), p[1].toFixed(3)])}\n`;
    }
  }
}

export interface BleEvalFiles {
  anchors: string;
  /** Lines of the RSSI log, header first; produced lazily. */
  rssi: Iterable<string>;
  /** Lines of the truth file, header first; produced lazily. */
  truth: Iterable<string>;
}

/** The three files for [fromTs, toTs); strangers among the model's emitters are left out of both logs. */
export function bleEvalFiles(
  model: ReceptionModelOptions,
  fromTs: number,
  toTs: number,
  truthEveryMs = 500,
): BleEvalFiles {
  const registered = { ...model, emitters: model.emitters.filter((e) => e.kind !== 'stranger') };
  return {
    anchors: anchorsJson(model.anchors),
    rssi: { [Symbol.iterator]: () => formatRssiCsv(simulateReceptions(registered, fromTs, toTs)) },
    truth: { [Symbol.iterator]: () => beaconTruthCsv(registered.emitters, fromTs, toTs, truthEveryMs) },
  };
}
