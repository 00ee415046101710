// `hub-server erase member --loyalty-id N` (or --pid P): GDPR erasure of every row of one member.
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { storageFlags, storageUsage } from './config-flags.js';
import { openStorage } from './open-storage.js';

const usage = `Usage: hub-server erase member (--loyalty-id NUMBER | --pid PSEUDONYM)

Deletes every row of one member (their baskets and anything else keyed by their pseudonym),
in one transaction. The loyalty number is only used to compute the pseudonym; it is not stored or logged.

Options:
${storageUsage}`;

export const eraseMemberCommand: Command = {
  name: 'erase member',
  summary: 'delete every row of one member (GDPR)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      { ...storageFlags, 'loyalty-id': { type: 'string' }, pid: { type: 'string' } },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values['loyalty-id'] === !values.pid)
      throw new UsageError(`give exactly one of --loyalty-id or --pid\n\n${usage}`);
    const { repo, pseudonymize } = await openStorage(values);
    try {
      const pid = values.pid ?? pseudonymize(values['loyalty-id']!);
      const deleted = await repo.maintenance.erasePseudonym(pid);
      const total = Object.values(deleted).reduce((a, b) => a + b, 0);
      console.log(`erased member ${pid.slice(0, 12)}…: ${total} row(s) ${JSON.stringify(deleted)}`);
    } finally {
      await repo.close();
    }
    return 0;
  },
};
