// Adapter: the emulated day's ground truth on disk, in the product's own file formats, so a demo can
// import the day's POS transactions into the hub and an evaluation can set the hub's figures against
// what really happened. Truth holds loyalty ids: it stays on the emulating machine, never published.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatAppMembersCsv } from '@retail/contracts';
import { posCsv, visitsCsv } from '../simulator/csv-writers.js';
import { appMemberRows, type DayTruth, visitRows } from '../simulator/truth.js';

export interface TruthFiles {
  dir: string;
  pos: string;
  visits: string;
  /** The loyalty backend's app enrolments (`loyalty_id,app_secret`), for `hub-server import app-members`. */
  appMembers: string;
  entranceCounts: string;
  plantedPairs: string;
}

/** Writes `<root>/truth/<date>/{pos.csv, visits.csv, app-members.csv, entrance-counts.json, planted-pairs.json}` plus
 * any `extra` JSON files (name → value), and returns the paths. */
export async function writeDayTruth(
  root: string,
  day: DayTruth,
  extra: Record<string, unknown> = {},
): Promise<TruthFiles> {
  const dir = path.join(root, 'truth', day.day.date);
  await mkdir(dir, { recursive: true });
  const files: TruthFiles = {
    dir,
    pos: path.join(dir, 'pos.csv'),
    visits: path.join(dir, 'visits.csv'),
    appMembers: path.join(dir, 'app-members.csv'),
    entranceCounts: path.join(dir, 'entrance-counts.json'),
    plantedPairs: path.join(dir, 'planted-pairs.json'),
  };
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  await writeFile(files.pos, posCsv(day.posLines));
  await writeFile(files.visits, visitsCsv(visitRows(day)));
  await writeFile(files.appMembers, [...formatAppMembersCsv(appMemberRows(day))].join(''));
  await writeFile(
    files.entranceCounts,
    json({
      storeId: day.storeId,
      date: day.day.date,
      openMs: day.day.openMs,
      closeMs: day.day.closeMs,
      entrances: day.entranceCounts,
    }),
  );
  await writeFile(files.plantedPairs, json(day.plantedPairs));
  for (const [name, value] of Object.entries(extra)) await writeFile(path.join(dir, name), json(value));
  return files;
}
