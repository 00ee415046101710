// `hub-server` command line: dispatches to one subcommand; usage errors exit 2, failures exit 1.

import { analyzePathsCommand } from './commands/analyze-paths.js';
import { analyzeRecommendCommand } from './commands/analyze-recommend.js';
import { analyzeRulesCommand } from './commands/analyze-rules.js';
import { benchIngestCommand } from './commands/bench.js';
import { benchFpGrowthCommand } from './commands/bench-fpgrowth.js';
import { brokerFilesCommand } from './commands/broker-files.js';
import { type Command, UsageError } from './commands/cli-kit.js';
import { eraseMemberCommand } from './commands/erase-member.js';
import { evalExperimentCommand } from './commands/eval-experiment.js';
import { evalRecommendCommand } from './commands/eval-recommend.js';
import {
  importCatalogueCommand,
  importLayoutCommand,
  importTransactionsCommand,
  importVisitsCommand,
} from './commands/import.js';
import { importAppMembersCommand } from './commands/import-app-members.js';
import { provisionGatewayCommand } from './commands/provision-gateway.js';
import { renderLayoutCommand } from './commands/render-layout.js';
import { signBundleCommand } from './commands/sign-bundle.js';
import { startCommand } from './commands/start.js';
import { validateLayoutCommand } from './commands/validate-layout.js';
import { ConfigError } from './load-config.js';
import { HUB_VERSION } from './version.js';

const commands: Command[] = [
  startCommand,
  provisionGatewayCommand,
  brokerFilesCommand,
  importTransactionsCommand,
  importVisitsCommand,
  importAppMembersCommand,
  importCatalogueCommand,
  importLayoutCommand,
  signBundleCommand,
  eraseMemberCommand,
  validateLayoutCommand,
  renderLayoutCommand,
  analyzeRulesCommand,
  analyzeRecommendCommand,
  analyzePathsCommand,
  evalRecommendCommand,
  evalExperimentCommand,
  benchIngestCommand,
  benchFpGrowthCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `hub-server ${HUB_VERSION} — the retail analytics hub`,
    '',
    'Usage: hub-server <command> [options]   (hub-server <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Finds the longest command name the arguments start with ("render layout" before "render"). */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of [...commands].sort((a, b) => b.name.length - a.name.length)) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return 0;
  }
  if (argv[0] === '--version') {
    console.log(HUB_VERSION);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`unknown command: ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    console.error(err instanceof ConfigError ? err.message : `error: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
