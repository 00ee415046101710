// The launcher copy must run with nothing but node: foreign imports and missing siblings are named.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launcherImportProblems } from './launcher-imports.js';
import { isRuntimeJs } from './staged-package.js';

describe('launcherImportProblems', () => {
  it('accepts node:* and present siblings, and names everything else', () => {
    const ok = [
      { name: 'launch.js', text: "import { x } from './launcher.js';\nimport path from 'node:path';" },
      {
        name: 'launcher.js',
        text: "import { spawn } from 'node:child_process';\nawait import('./launch.js');",
      },
    ];
    expect(launcherImportProblems(ok)).toEqual([]);
    expect(
      launcherImportProblems([
        { name: 'launch.js', text: "import { z } from 'zod';\nimport './gone.js';\nimport '../x/y.js';" },
      ]),
    ).toEqual([
      'launch.js imports "zod" (only node:* and ./sibling.js)',
      'launch.js imports ./gone.js, which is not there',
      'launch.js imports "../x/y.js" (only node:* and ./sibling.js)',
    ]);
    expect(launcherImportProblems([])).toEqual(['launch.js is missing']);
  });

  it('passes for the compiled update folder as the bundle ships it (run `npx tsc -b` first)', async () => {
    const dir = fileURLToPath(new URL('../../../dist/src/fleet/update/', import.meta.url));
    const names = (await readdir(dir)).filter(isRuntimeJs);
    const files = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(`${dir}${name}`, 'utf8') })),
    );
    expect(names).toContain('launch.js');
    expect(launcherImportProblems(files)).toEqual([]);
  });
});
