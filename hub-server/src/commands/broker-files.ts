// `hub-server broker-files --out DIR`: Mosquitto password and ACL files from the gateway registry,
// plus the hub's own broker account (its password is printed once, or taken from --hub-password).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generatePassword, hashPassword } from '../broker/credentials.js';
import { mosquittoAclFile, mosquittoConf, mosquittoPasswordFile } from '../broker/mosquitto-files.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { storageFlags, storageUsage } from './config-flags.js';
import { openStorage } from './open-storage.js';

const usage = `Usage: hub-server broker-files --out DIR [--hub-user hub] [--hub-password PW]

Writes DIR/passwd, DIR/acl and DIR/mosquitto-retail.conf for Mosquitto from the gateway registry:
each gateway may write only its own topics and read only its own config and cmd; each store's
tills only their transactions; the hub account everything under retail/v1. The .conf also sets
what the hub relies on: no cap on queued messages (Mosquitto's default drops past 1000 per session,
after acknowledging them) and persistence.

Options:
  --hub-user NAME      the hub's broker account (default hub)
  --hub-password PW    its password (default: a new one, printed once)
${storageUsage}`;

export const brokerFilesCommand: Command = {
  name: 'broker-files',
  summary: 'write Mosquitto password and ACL files from the registry',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        ...storageFlags,
        out: { type: 'string' },
        'hub-user': { type: 'string' },
        'hub-password': { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.out) throw new UsageError(`missing --out DIR\n\n${usage}`);
    const hubUser = values['hub-user'] ?? 'hub';
    const hubPassword = values['hub-password'] ?? generatePassword();
    const { repo } = await openStorage(values);
    let rows: Awaited<ReturnType<typeof repo.registry.list>>;
    try {
      rows = await repo.registry.list();
    } finally {
      await repo.close();
    }
    const principals = rows.flatMap((r) =>
      r.passwordHash ? [{ storeId: r.storeId, principal: r.gatewayId, passwordHash: r.passwordHash }] : [],
    );
    const hub = { username: hubUser, passwordHash: await hashPassword(hubPassword) };
    await writeFile(path.join(values.out, 'passwd'), mosquittoPasswordFile(principals, hub), { mode: 0o600 });
    await writeFile(path.join(values.out, 'acl'), mosquittoAclFile(principals, hubUser));
    const conf = mosquittoConf({ dir: path.resolve(values.out), port: 1883 });
    await writeFile(path.join(values.out, 'mosquitto-retail.conf'), conf);
    console.log(
      `wrote passwd, acl and mosquitto-retail.conf in ${values.out} for ${principals.length} account(s) + ${hubUser}`,
    );
    if (!values['hub-password']) console.log(`  ${hubUser} password: ${hubPassword}`);
    return 0;
  },
};
