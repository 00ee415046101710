// What every subcommand shares: flag parsing with a usage text, and errors that end in a non-zero exit.
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** `multiple: true` collects every occurrence of a string flag (`--visits a.csv --visits b.csv`). */
export type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
export type Values<O extends Options> = {
  [K in keyof O]?: O[K]['type'] extends 'string'
    ? O[K]['multiple'] extends true
      ? string[]
      : string
    : boolean;
} & {
  help?: boolean;
};

export function parseFlags<const O extends Options>(
  argv: string[],
  options: O,
  usage: string,
): { values: Values<O>; positionals: string[] } {
  try {
    const config: ParseArgsConfig = {
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    };
    const { values, positionals } = parseArgs(config);
    return { values: values as Values<O>, positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
}
