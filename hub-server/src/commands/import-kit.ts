// What every `hub-server import …` command shares: a FILE and the storage flags (plus its own), the
// hub's storage opened around the work and closed after it, progress on stderr every two seconds,
// and the rows it refused listed, with exit code 1 when there were any.
import { formatIssue, type ParseIssue } from '@retail/contracts';
import { type Command, type Options, parseFlags, UsageError, type Values } from './cli-kit.js';
import { storageFlags } from './config-flags.js';
import { type OpenedStorage, openStorage } from './open-storage.js';

type ImportValues<O extends Options> = Values<typeof storageFlags & O>;

export interface FileImport<O extends Options> {
  name: string;
  summary: string;
  usage: string;
  /** Flags beside the storage ones. */
  flags: O;
  /** The import of `file`; resolves with the exit code. */
  run(file: string, values: ImportValues<O>): Promise<number>;
}

export function fileImportCommand<const O extends Options>(spec: FileImport<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    async run(argv) {
      const { values, positionals } = parseFlags(argv, { ...storageFlags, ...spec.flags }, spec.usage);
      if (values.help) {
        console.log(spec.usage);
        return 0;
      }
      return spec.run(fileArg(positionals, spec.usage), values as ImportValues<O>);
    },
  };
}

export function fileArg(positionals: string[], usage: string): string {
  const file = positionals[0];
  if (!file) throw new UsageError(`missing FILE\n\n${usage}`);
  return file;
}

/** `work` with the hub's storage open; closed after it, whatever happens. */
export async function withStorage<T>(
  values: Partial<Record<string, string | boolean | undefined>>,
  work: (storage: OpenedStorage) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(values);
  try {
    return await work(storage);
  } finally {
    await storage.repo.close();
  }
}

export function reportIssues(issues: readonly ParseIssue[], more = 0): void {
  for (const i of issues) console.error(`  ${formatIssue(i)}`);
  if (more > 0) console.error(`  … and ${more} more`);
}

/** Lists the refused rows (`more` beyond those kept) and returns the exit code: 1 when there were any. */
export function refusedRows(issues: readonly ParseIssue[], more = 0): number {
  const refused = issues.length + more;
  if (refused === 0) return 0;
  console.error(`${refused} row problem(s); those rows were skipped:`);
  reportIssues(issues, more);
  return 1;
}

/** A progress callback writing `line(summary)` to stderr at most every two seconds. */
export function progressLine<S>(line: (summary: S) => string): (summary: S) => void {
  let last = Date.now();
  return (summary) => {
    if (Date.now() - last < 2000) return;
    last = Date.now();
    process.stderr.write(`${line(summary)}\n`);
  };
}
