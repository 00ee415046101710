#!/usr/bin/env node
// Converts the Kolakowski BLE flat dataset (Sensors 21, 6270, 2021; CC BY 4.0) into the project's formats:
// anchors.json, calibration-rssi.csv + calibration-truth.csv, test-rssi.csv + test-truth.csv.
// Usage: node scripts/ble/kolakowski-convert.mjs IN_DIR OUT_DIR   (IN_DIR holds anchors.csv,
// calibration/calibration_df.csv, tests/test_robot_df.csv). Plain Node, no dependencies; progress on stderr.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The robot-carried phone in both recordings. */
export const BEACON_ID = 'robot';

class InputError extends Error {}

function splitLines(text) {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** anchors.csv `id,x,y,z` → anchors as the project's JSON has them (ids "1".."6" become "a1".."a6"). */
export function convertAnchors(text, file = 'anchors.csv') {
  const lines = splitLines(text);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(`${file}: line 1: missing column "${name}"`);
    return i;
  };
  const [ci, cx, cy, cz] = ['id', 'x', 'y', 'z'].map(col);
  const anchors = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    const num = (c, name) => {
      const v = Number(cells[c]);
      if (cells[c] === undefined || cells[c].trim() === '' || !Number.isFinite(v))
        throw new InputError(
          `${file}: line ${i + 2}, field "${name}": expected a number, got "${cells[c] ?? ''}"`,
        );
      return v;
    };
    anchors.push({ id: `a${cells[ci]?.trim()}`, x: num(cx, 'x'), y: num(cy, 'y'), z: num(cz, 'z') });
  });
  return anchors;
}

/**
 * One recording `,ts,x,heading,y,rssi_1..rssi_N` (ts in ns, empty rssi = not heard) → RSSI rows
 * `ts,anchor,beacon,rssi` and truth rows `ts,beacon,x,y`, ts in ms. Bad lines are skipped and reported.
 */
export function convertRecording(text, file) {
  const lines = splitLines(text);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const its = header.indexOf('ts');
  const ix = header.indexOf('x');
  const iy = header.indexOf('y');
  for (const [name, i] of [
    ['ts', its],
    ['x', ix],
    ['y', iy],
  ])
    if (i < 0) throw new InputError(`${file}: line 1: missing column "${name}"`);
  const rssiCols = header.flatMap((h, i) => (/^rssi_\d+$/.test(h) ? [{ i, anchor: `a${h.slice(5)}` }] : []));
  if (rssiCols.length === 0) throw new InputError(`${file}: line 1: no rssi_N columns`);
  const rssi = ['ts,anchor,beacon,rssi'];
  const truth = ['ts,beacon,x,y'];
  const issues = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const ts = Math.round(Number(cells[its]) / 1e6);
    const x = Number(cells[ix]);
    const y = Number(cells[iy]);
    if (!Number.isFinite(ts) || cells[its]?.trim() === '') {
      issues.push(`${file}: line ${n + 1}, field "ts": expected nanoseconds, got "${cells[its] ?? ''}"`);
      continue;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y) || cells[ix]?.trim() === '' || cells[iy]?.trim() === '') {
      issues.push(`${file}: line ${n + 1}, field "x"/"y": expected metres`);
      continue;
    }
    truth.push(`${ts},${BEACON_ID},${x.toFixed(4)},${y.toFixed(4)}`);
    for (const { i, anchor } of rssiCols) {
      const cell = (cells[i] ?? '').trim();
      if (cell === '') continue;
      const v = Number(cell);
      if (!Number.isFinite(v) || v < -130 || v > 20) {
        issues.push(`${file}: line ${n + 1}, field "${header[i]}": expected dBm, got "${cell}"`);
        continue;
      }
      rssi.push(`${ts},${anchor},${BEACON_ID},${Math.round(v * 100) / 100}`);
    }
  }
  return { rssi: `${rssi.join('\n')}\n`, truth: `${truth.join('\n')}\n`, rows: truth.length - 1, issues };
}

export async function convertKolakowski(inDir, outDir, log = (m) => process.stderr.write(`${m}\n`)) {
  await mkdir(outDir, { recursive: true });
  const anchors = convertAnchors(await readFile(join(inDir, 'anchors.csv'), 'utf8'), 'anchors.csv');
  await writeFile(join(outDir, 'anchors.json'), `${JSON.stringify(anchors, null, 2)}\n`);
  log(`anchors.json: ${anchors.length} anchors`);
  const parts = [
    ['calibration/calibration_df.csv', 'calibration'],
    ['tests/test_robot_df.csv', 'test'],
  ];
  const summary = { anchors: anchors.length, issues: 0 };
  for (const [rel, prefix] of parts) {
    log(`reading ${rel}…`);
    const out = convertRecording(await readFile(join(inDir, rel), 'utf8'), rel);
    for (const issue of out.issues.slice(0, 10)) log(issue);
    if (out.issues.length > 10) log(`… and ${out.issues.length - 10} more`);
    await writeFile(join(outDir, `${prefix}-rssi.csv`), out.rssi);
    await writeFile(join(outDir, `${prefix}-truth.csv`), out.truth);
    log(`${prefix}-rssi.csv, ${prefix}-truth.csv: ${out.rows} rows`);
    summary[prefix] = out.rows;
    summary.issues += out.issues.length;
  }
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [inDir, outDir] = process.argv.slice(2);
  if (!inDir || !outDir) {
    process.stderr.write('Usage: node scripts/ble/kolakowski-convert.mjs IN_DIR OUT_DIR\n');
    process.exitCode = 2;
  } else {
    try {
      console.log(JSON.stringify(await convertKolakowski(inDir, outDir)));
    } catch (err) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
    }
  }
}
