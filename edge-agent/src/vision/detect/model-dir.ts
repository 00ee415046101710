// Where the prepared model files live by default: `models/generated/` at the repository root, found by
// walking up from this module so it works from `src/` (tests) and `dist/` (built) alike.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultModelDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'models', 'README.md'))) return join(dir, 'models', 'generated');
    if (dirname(dir) === dir) return join(process.cwd(), 'models', 'generated');
  }
}
