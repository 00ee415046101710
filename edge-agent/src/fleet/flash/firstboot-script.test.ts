import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstbootScript, shQuote } from './firstboot-script.js';
import { hasTools } from './flash-fixture.js';

const run = promisify(execFile);

const variants = {
  plain: {
    bundleDir: 'edge-agent-1.2.3-linux-arm64',
    version: '1.2.3',
    storeId: 'demo',
    gatewayId: 'gw-front',
    updateKey: false,
  },
  everything: {
    bundleDir: 'edge-agent-1.2.3-linux-arm64',
    version: '1.2.3',
    storeId: 'demo',
    gatewayId: 'gw-front',
    updateKey: true,
    hostname: 'gw-front',
    wifiCountry: 'GB',
    chained: '/boot/firmware/firstrun.sh',
  },
};

describe('firstbootScript', () => {
  let dir: string;
  let shellcheck: boolean;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstboot-'));
    shellcheck = (await hasTools('shellcheck')).length === 0;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const [name, o] of Object.entries(variants))
    it(`${name}: passes shellcheck (or bash -n where shellcheck is not installed)`, async () => {
      const file = path.join(dir, `${name}.sh`);
      await writeFile(file, firstbootScript(o));
      await run('bash', ['-n', file]);
      if (shellcheck) await run('shellcheck', ['--shell=bash', '--severity=style', file]);
    });

  it('embeds the options quoted, and passes the update key only when given', () => {
    const all = firstbootScript(variants.everything);
    expect(all).toContain("HOSTNAME_WANTED='gw-front'");
    expect(all).toContain("CHAINED='/boot/firmware/firstrun.sh'");
    expect(all).toContain("UPDATE_KEY='retail-edge-update-key.pub'");
    expect(firstbootScript(variants.plain)).toContain("UPDATE_KEY=''");
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
  });
});
