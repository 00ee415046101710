// `hub-server provision gateway --store S --gateway G`: creates (or replaces) a gateway's MQTT
// credentials. Only a hash is kept; the password is shown once, and written to --out if given.
import { writeFile } from 'node:fs/promises';
import { gatewayIdSchema, slugSchema } from '@retail/contracts';
import { generatePassword, hashPassword } from '../broker/credentials.js';
import { usernameOf } from '../broker/topic-acl.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { storageFlags, storageUsage } from './config-flags.js';
import { openStorage } from './open-storage.js';

const usage = `Usage: hub-server provision gateway --store STORE --gateway GATEWAY [--out FILE]
       hub-server provision gateway --store STORE --pos [--out FILE]

Creates MQTT credentials for a gateway (or, with --pos, for the store's tills). The hub keeps only
a hash; the password is printed once. Re-provisioning replaces the old password.

Options:
  --out FILE           also write {"username","password"} to FILE (mode 0600)
${storageUsage}`;

export const provisionGatewayCommand: Command = {
  name: 'provision gateway',
  summary: 'create MQTT credentials for a gateway or a store’s tills',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        ...storageFlags,
        store: { type: 'string' },
        gateway: { type: 'string' },
        pos: { type: 'boolean' },
        out: { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const store = slugSchema.safeParse(values.store);
    if (!store.success)
      throw new UsageError(
        `--store: ${values.store === undefined ? 'required' : store.error.issues[0]!.message}\n\n${usage}`,
      );
    const principal = values.pos ? 'pos' : values.gateway;
    if (!values.pos) {
      const gw = gatewayIdSchema.safeParse(principal);
      if (!gw.success)
        throw new UsageError(
          `--gateway: ${principal === undefined ? 'required (or --pos)' : gw.error.issues[0]!.message}\n\n${usage}`,
        );
    }
    const password = generatePassword();
    const { repo, where } = await openStorage(values);
    try {
      await repo.registry.setCredentials(store.data, principal!, await hashPassword(password), Date.now());
    } finally {
      await repo.close();
    }
    const username = values.pos
      ? usernameOf({ role: 'pos', storeId: store.data })
      : usernameOf({ role: 'gateway', storeId: store.data, gatewayId: principal! });
    if (values.out)
      await writeFile(values.out, `${JSON.stringify({ username, password }, null, 2)}\n`, { mode: 0o600 });
    console.log(
      `provisioned ${username} in ${where}\n  username: ${username}\n  password: ${password}${values.out ? `\n  written to ${values.out}` : ''}`,
    );
    return 0;
  },
};
