// `hub-server validate layout FILE`: checks a store layout and lists every problem by path.
import { coverageWarnings, storeLayoutSchema, validate } from '@retail/contracts';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { readJsonFile } from './read-json-file.js';

const usage = `Usage: hub-server validate layout FILE

Checks a store layout JSON file against the schema and its cross-field rules
(unique ids, zones that exist, geometry on the floor, cameras on known gateways).
Then warns, without failing, of each entrance whose counting line the cameras do not
fully see (no camera there, or a privacy mask over one side): it will count nobody, or read low.`;

export const validateLayoutCommand: Command = {
  name: 'validate layout',
  summary: 'check a store layout file',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {}, usage);
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError(`missing FILE\n\n${usage}`);
    const result = validate(storeLayoutSchema, await readJsonFile(file));
    if (!result.ok) {
      console.error(`${file}: ${result.issues.length} problem(s)`);
      for (const i of result.issues) console.error(`  ${i.path}: ${i.message}`);
      return 1;
    }
    const l = result.value;
    console.log(
      `${file}: valid layout "${l.name}" v${l.layoutVersion} — ${l.zones.length} zones, ${l.fixtures.length} fixtures, ` +
        `${l.entrances.length} entrances, ${l.cameras.length} cameras, ${l.scanners.length} scanners, ${l.gateways.length} gateways`,
    );
    for (const w of coverageWarnings(l)) console.log(`  warning: ${w}`);
    return 0;
  },
};
