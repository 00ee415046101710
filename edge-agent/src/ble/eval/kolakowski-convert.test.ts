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
  await writeFile(join(dir, 'anchors.csv'), 'id,x,y,z\n1,5.48,2.41,2.08\n2,0.79,6.75,2.62\n');
  const header = ',ts,x,heading,y,rssi_1,rssi_2\n';
  await writeFile(
    join(dir, 'calibration', 'calibration_df.csv'),
    `${header}0,1.627997452227e+18,4.2226,4.19,3.6435,-54.0,-56.49533053638751\n` +
      `1,1.6279974528936668e+18,4.2235,4.19,3.6433,,-63.0\n` +
      `2,oops,1,1,1,-50,-50\n`,
  );
  await writeFile(
    join(dir, 'tests', 'test_robot_df.csv'),
    `${header}38,1.628008099976e+18,0.6,5.2,5.82,-72.5,\n`,
  );
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
      { id: 'a1', x: 5.48, y: 2.41, z: 2.08 },
      { id: 'a2', x: 0.79, y: 6.75, z: 2.62 },
    ]);
    const rssi = await collect(parseRssiCsv([await readFile(join(outDir, 'calibration-rssi.csv'), 'utf8')]));
    expect(rssi.issues).toEqual([]);
    expect(rssi.rows).toEqual([
      { ts: 1627997452227, anchor: 'a1', beacon: 'robot', rssi: -54 },
      { ts: 1627997452227, anchor: 'a2', beacon: 'robot', rssi: -56.5 },
      { ts: 1627997452894, anchor: 'a2', beacon: 'robot', rssi: -63 },
    ]);
    const truth = await collect(
      parseTruthCsv([await readFile(join(outDir, 'calibration-truth.csv'), 'utf8')]),
    );
    expect(truth.rows).toEqual([
      { ts: 1627997452227, beacon: 'robot', x: 4.2226, y: 3.6435 },
      { ts: 1627997452894, beacon: 'robot', x: 4.2235, y: 3.6433 },
    ]);
    const test = await collect(parseRssiCsv([await readFile(join(outDir, 'test-rssi.csv'), 'utf8')]));
    expect(test.rows).toEqual([{ ts: 1628008099976, anchor: 'a1', beacon: 'robot', rssi: -72.5 }]);
  });

  it('exits 2 with a usage line when arguments are missing', async () => {
    await expect(run(process.execPath, [script])).rejects.toMatchObject({ code: 2 });
  });
});
