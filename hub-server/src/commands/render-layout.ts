// `hub-server render layout FILE [--out PNG]`: draws a store layout so a person can check it.
import { writeFile } from 'node:fs/promises';
import { describeIssues, storeLayoutSchema } from '@retail/contracts';
import { renderLayoutPng } from '../render/layout-png.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { readJsonFile } from './read-json-file.js';

const usage = `Usage: hub-server render layout FILE [--out FILE.png] [--scale PX_PER_M]

Renders a store layout (floor, zones, fixtures, entrances, cameras, scanners) to a PNG.
Default output: FILE with .png instead of .json.`;

export const renderLayoutCommand: Command = {
  name: 'render layout',
  summary: 'draw a store layout to PNG',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      { out: { type: 'string' }, scale: { type: 'string' } },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError(`missing FILE\n\n${usage}`);
    const scale = values.scale === undefined ? undefined : Number(values.scale);
    if (scale !== undefined && !(scale > 0 && scale <= 200))
      throw new UsageError('--scale must be a number of pixels per metre in (0, 200]');
    const parsed = storeLayoutSchema.safeParse(await readJsonFile(file));
    if (!parsed.success) {
      console.error(`${file} is not a valid layout:\n${describeIssues(parsed.error)}`);
      return 1;
    }
    const out = values.out ?? `${file.replace(/\.json$/i, '')}.png`;
    const png = await renderLayoutPng(parsed.data, scale === undefined ? {} : { pixelsPerMetre: scale });
    await writeFile(out, png);
    console.log(`wrote ${out} (${png.byteLength} bytes)`);
    return 0;
  },
};
