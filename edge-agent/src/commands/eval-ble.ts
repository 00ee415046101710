// `edge-agent eval ble`: BLE positioning accuracy on a recorded RSSI log against ground truth, with
// optional calibration data (path-loss fit, fingerprint map, method choice). JSON on the last line.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  type BeaconTruth,
  formatIssue,
  type ParseIssue,
  parseAnchorsJson,
  parseRssiCsv,
  parseTruthCsv,
  type RowResult,
} from '@retail/contracts';
import type { AnchorSpec, PositioningMethod, Reception } from '../ble/ble-types.js';
import { scoreBleLog } from '../ble/eval/ble-scoring.js';
import {
  type CalibrationData,
  chooseMethod,
  createPositioner,
  preparePositioning,
} from '../ble/positioning/index.js';
import { numberFlag, UsageError } from './vision-flags.js';

export const evalBleUsage = `Usage: edge-agent eval ble --anchors FILE --rssi FILE --truth FILE
                         [--calibration-rssi FILE --calibration-truth FILE]
                         [--method trilateration|fingerprint|auto|both] [--beacon-height 1.2]

Replays the RSSI log (ts,anchor,beacon,rssi) through the positioner and scores its fix at every
ground-truth row (ts,beacon,x,y) using only receptions up to that time. With calibration data, the
path-loss model is fitted per anchor and a fingerprint map is built; "auto" (the default with
calibration) picks the method by cross-validation on the calibration data, "both" scores each.
Prints {samples, medianErrorM, p90ErrorM, method} as JSON on the last line.`;

const METHODS = ['trilateration', 'fingerprint', 'auto', 'both'] as const;
type MethodFlag = (typeof METHODS)[number];

async function readRows<T>(file: string, rows: AsyncIterable<RowResult<T>>): Promise<T[]> {
  const out: T[] = [];
  const issues: ParseIssue[] = [];
  try {
    for await (const r of rows) {
      if (r.ok) out.push(r.value);
      else issues.push(r.issue);
    }
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (issues.length > 0) {
    for (const i of issues.slice(0, 10)) console.error(`${file}: ${formatIssue(i)}`);
    console.error(`${file}: ${issues.length} bad row(s) skipped`);
  }
  if (out.length === 0) throw new Error(`${file}: no valid rows`);
  return out;
}

const readRssi = (file: string): Promise<Reception[]> => readRows(file, parseRssiCsv(createReadStream(file)));
const readTruth = (file: string): Promise<BeaconTruth[]> =>
  readRows(file, parseTruthCsv(createReadStream(file)));

async function readAnchors(file: string): Promise<AnchorSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  const { rows, issues } = parseAnchorsJson(text);
  for (const i of issues.slice(0, 10)) console.error(`${file}: ${formatIssue(i)}`);
  if (issues.length > 0) console.error(`${file}: ${issues.length} bad anchor(s) skipped`);
  if (rows.length < 3)
    throw new Error(`${file}: positioning needs at least 3 valid anchors, got ${rows.length}`);
  return rows;
}

function methodFlag(v: unknown, hasCalibration: boolean): MethodFlag {
  const m = typeof v === 'string' ? v : hasCalibration ? 'auto' : 'trilateration';
  if (!(METHODS as readonly string[]).includes(m))
    throw new UsageError(`--method must be one of ${METHODS.join(', ')}, not "${m}"`);
  if (!hasCalibration && m !== 'trilateration')
    throw new UsageError(`--method ${m} needs --calibration-rssi and --calibration-truth`);
  return m as MethodFlag;
}

export async function evalBle(values: Record<string, unknown>): Promise<number> {
  const { anchors: anchorsFile, rssi, truth } = values;
  const calRssi = values['calibration-rssi'];
  const calTruth = values['calibration-truth'];
  if (typeof anchorsFile !== 'string' || typeof rssi !== 'string' || typeof truth !== 'string')
    throw new UsageError(`--anchors, --rssi and --truth are required\n\n${evalBleUsage}`);
  if ((typeof calRssi === 'string') !== (typeof calTruth === 'string'))
    throw new UsageError('--calibration-rssi and --calibration-truth go together');
  const hasCalibration = typeof calRssi === 'string' && typeof calTruth === 'string';
  const method = methodFlag(values.method, hasCalibration);
  const beaconHeightM = numberFlag(values['beacon-height'], 'beacon-height', 1.2, 0, 5);

  const anchors = await readAnchors(anchorsFile);
  let calibration: CalibrationData | undefined;
  if (hasCalibration) {
    console.error(`reading calibration data…`);
    calibration = { receptions: await readRssi(calRssi), truths: await readTruth(calTruth) };
  }
  console.error(`reading ${rssi} and ${truth}…`);
  const receptions = await readRssi(rssi);
  const truths = await readTruth(truth);

  const setupOptions = { beaconHeightM };
  const setup = preparePositioning(anchors, calibration, setupOptions);
  if (setup.fits)
    for (const f of setup.fits)
      console.error(
        `anchor ${f.anchor}: A=${f.rssiAt1m.toFixed(1)} dBm n=${f.exponent.toFixed(2)} rms=${f.rmsDb.toFixed(1)} dB (${f.source}, ${f.samples})`,
      );
  if (setup.radioMap)
    console.error(
      `radio map: ${setup.radioMap.points.length} points, k=${setup.radioMap.k} (LOO ${setup.radioMap.looErrorM.toFixed(2)} m)`,
    );
  let autoChoice: PositioningMethod | undefined;
  let crossValidation: unknown;
  if (calibration && (method === 'auto' || method === 'both')) {
    console.error('cross-validating both methods on the calibration data…');
    const choice = chooseMethod(anchors, calibration, { setup: setupOptions });
    autoChoice = choice.method;
    crossValidation = choice.scores;
    console.error(`cross-validation: ${JSON.stringify(choice.scores)} → ${choice.method}`);
  }
  const score = (m: PositioningMethod) => {
    console.error(`scoring ${m} on ${truths.length} truth rows…`);
    return scoreBleLog(createPositioner(setup, m), receptions, truths, (n) => console.error(`… ${n}`));
  };
  if (method === 'both') {
    const results = (['trilateration', 'fingerprint'] as const).map(score);
    console.log(JSON.stringify({ methods: results, autoChoice, crossValidation }));
    return 0;
  }
  const chosen: PositioningMethod = method === 'auto' ? (autoChoice ?? 'trilateration') : method;
  console.log(JSON.stringify({ ...score(chosen), ...(autoChoice ? { autoChoice, crossValidation } : {}) }));
  return 0;
}
