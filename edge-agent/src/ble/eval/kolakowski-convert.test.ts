// The Kolakowski converter (scripts/ble/kolakowski-convert.mjs) on a tiny fixture written here; it is
// plain Node ESM, so it runs as a child process just as it is used.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { collect, parseAnchorsJson, parseRssiCsv, parseTruthCsv } from '@retail/contracts';
import { afterEach, describe, expect, it } from 'vitest';

const script = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../scripts/ble/kolakowski-convert.mjs',
);
const run = promisify(execFile);
const dirs: string[] = [];

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function fixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kola-'));
  dirs.push(dir);
  await mkdir(join(dir, 'calibration'));
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'anchors.csv'), 'id,x,y,z\n1,1.25,2.5,2.1\n2,3.75,4.5,2.6\n');
  const header = ',ts,x,heading,y,rssi_1,rssi_2\n';
  await writeFile(
    join(dir, 'calibration', 'calibration_df.csv'),
    `${header}0,1.7e+18,2.1,1.5,3.2,-60.0,-61.4953\n` +
      `1,1.7000000005e+18,2.2,1.5,3.3,,-70.0\n` +
      `2,oops,1,1,1,-50,-50\n`,
  );
  await writeFile(join(dir, 'tests', 'test_robot_df.csv'), `${header}7,1.700000001e+18,0.5,2.0,4.0,-80.5,\n`);
  return dir;
}

describe('kolakowski-convert.mjs', () => {
  it('writes anchors, RSSI and truth in the project formats', async () => {
    const inDir = await fixture();
    const outDir = join(inDir, 'out');
    const { stdout, stderr } = await run(process.execPath, [script, inDir, outDir]);
    expect(JSON.parse(stdout.trim())).toMatchObject({ anchors: 2, calibration: 2, test: 1, issues: 1 });
    expect(stderr).toMatch(/calibration_df\.csv: line 4, field "ts"/);

    const anchors = parseAnchorsJson(await readFile(join(outDir, 'anchors.json'), 'utf8'));
    expect(anchors.issues).toEqual([]);
    expect(anchors.rows).toEqual([
      { id: 'a1', x: 1.25, y: 2.5, z: 2.1 },
      { id: 'a2', x: 3.75, y: 4.5, z: 2.6 },
    ]);
    const rssi = await collect(parseRssiCsv([await readFile(join(outDir, 'calibration-rssi.csv'), 'utf8')]));
    expect(rssi.issues).toEqual([]);
    expect(rssi.rows).toEqual([
      { ts: 1700000000000, anchor: 'a1', beacon: 'robot', rssi: -60 },
      { ts: 1700000000000, anchor: 'a2', beacon: 'robot', rssi: -61.5 },
      { ts: 1700000000500, anchor: 'a2', beacon: 'robot', rssi: -70 },
    ]);
    const truth = await collect(
      parseTruthCsv([await readFile(join(outDir, 'calibration-truth.csv'), 'utf8')]),
    );
    expect(truth.rows).toEqual([
      { ts: 1700000000000, beacon: 'robot', x: 2.1, y: 3.2 },
      { ts: 1700000000500, beacon: 'robot', x: 2.2, y: 3.3 },
    ]);
    const test = await collect(parseRssiCsv([await readFile(join(outDir, 'test-rssi.csv'), 'utf8')]));
    expect(test.rows).toEqual([{ ts: 1700000001000, anchor: 'a1', beacon: 'robot', rssi: -80.5 }]);
  });

  it('exits 2 with a usage line when arguments are missing', async () => {
    await expect(run(process.execPath, [script])).rejects.toMatchObject({ code: 2 });
  });
});
