// UpdateManager over real files and real tarballs, with a hand-driven clock (no launcher, no HTTP).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBundle, signFile } from './bundle-fixture.js';
import { SLOT_ENTRY } from './install-layout.js';
import { PUBLIC_KEY_FILE, UpdateManager } from './update-manager.js';

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

describe('UpdateManager', () => {
  let dir: string;
  let root: string;
  let now: number;
  const manager = (o: { runningSlot?: 'a' | 'b'; publicKey?: KeyObject } = {}) =>
    new UpdateManager({
      root,
      publicKey: keys.publicKey,
      now: () => now,
      healthTimeoutMs: 60_000,
      maxStarts: 3,
      ...o,
    });
  const bundle = async (version: string, key = keys.privateKey, name = `v${version}`) => {
    const file = await makeBundle(dir, name, version, { [SLOT_ENTRY]: 'process.exit(0)\n' });
    return { file, ...(await signFile(file, key)), version };
  };

  beforeEach(async () => {
    now = 1_000_000;
    dir = await mkdtemp(path.join(tmpdir(), 'update-'));
    root = path.join(dir, 'root');
    await mkdir(path.join(root, 'slots', 'a'), { recursive: true });
    await writeFile(path.join(root, 'slots', 'a', 'VERSION'), '1\n');
    await symlink('slots/a', path.join(root, 'current'));
  });

  it('installs into the other slot on probation, and the new slot confirms', async () => {
    const b = await bundle('2');
    const result = await manager().applyFile(b.file, b);
    expect(result).toMatchObject({ ok: true, slot: 'b', version: '2', restart: true });
    expect(await readlink(path.join(root, 'current'))).toBe('slots/b');
    // The bundle's wrapping folder is stripped: the slot holds the bundle layout itself.
    expect(await readFile(path.join(root, 'slots', 'b', SLOT_ENTRY), 'utf8')).toContain('exit');
    expect(await readFile(path.join(root, 'slots', 'b', 'VERSION'), 'utf8')).toBe('2\n');
    expect(await manager().onStart()).toMatchObject({
      status: 'trial',
      slot: 'b',
      start: 1,
      deadline: now + 60_000,
    });
    // The old agent (slot a, or no slot) may not vouch for the new version.
    expect(await manager({ runningSlot: 'a' }).confirmHealthy()).toBe('not-the-pending-slot');
    expect(await manager().confirmHealthy()).toBe('not-the-pending-slot');
    expect(await manager({ runningSlot: 'b' }).confirmHealthy()).toBe('confirmed');
    const state = await manager().state();
    expect(state).toMatchObject({ active: 'b', previous: 'a', versions: { a: '1', b: '2' }, pending: null });
    expect(state.last).toMatchObject({ version: '2', outcome: 'confirmed' });
    expect(await manager().onStart()).toEqual({ status: 'running', slot: 'b', version: '2' });
    // The same version again (a retained command) is a no-op.
    expect(await manager().applyFile(b.file, b)).toMatchObject({ ok: true, restart: false });
  });

  it('rolls back when the deadline passes without a confirmation', async () => {
    const b = await bundle('2');
    await manager().applyFile(b.file, b);
    expect((await manager().onStart()).status).toBe('trial');
    now += 60_000;
    const back = await manager().onStart();
    expect(back).toMatchObject({ status: 'rolled-back', slot: 'a', version: '1', failed: '2' });
    expect(back.status === 'rolled-back' && back.reason).toMatch(/before its deadline/);
    expect(await readlink(path.join(root, 'current'))).toBe('slots/a');
    const state = await manager().state();
    expect(state).toMatchObject({
      active: 'a',
      previous: 'b',
      pending: null,
      last: { outcome: 'rolled-back' },
    });
    // A late confirmation from the failed version changes nothing, and the same version is refused.
    expect(await manager({ runningSlot: 'b' }).confirmHealthy()).toBe('nothing-pending');
    expect(await manager().applyFile(b.file, b)).toMatchObject({ ok: false, detail: /2 was rolled back/ });
  });

  it('rolls back a crash loop after maxStarts starts without a confirmation', async () => {
    const b = await bundle('2');
    await manager().applyFile(b.file, b);
    for (const n of [1, 2, 3]) expect(await manager().onStart()).toMatchObject({ status: 'trial', start: n });
    const back = await manager().onStart();
    expect(back.status === 'rolled-back' && back.reason).toMatch(/started 3 times.*crash loop/);
    expect(await manager().onStart()).toEqual({ status: 'running', slot: 'a', version: '1' });
  });

  it('refuses tampered bundles, other keys, wrong versions and unsafe archives, switching nothing', async () => {
    const unchanged = async () => {
      expect(await readlink(path.join(root, 'current'))).toBe('slots/a');
      expect((await manager().state()).pending).toBeNull();
    };
    const tampered = await bundle('2');
    await appendFile(tampered.file, 'x');
    expect(await manager().applyFile(tampered.file, tampered)).toMatchObject({
      ok: false,
      detail: /refused: sha256 mismatch/,
    });
    await unchanged();

    const foreign = await bundle('2', otherKeys.privateKey, 'foreign');
    expect(await manager().applyFile(foreign.file, foreign)).toMatchObject({
      ok: false,
      detail: /signature does not verify with the hub's public key/,
    });
    await unchanged();

    const good = await bundle('2', keys.privateKey, 'mislabelled');
    expect(await manager().applyFile(good.file, { ...good, version: '3' })).toMatchObject({
      ok: false,
      detail: /VERSION 2, the command 3/,
    });
    await unchanged();

    expect(await manager({ publicKey: otherKeys.publicKey }).applyFile(good.file, good)).toMatchObject({
      ok: false,
    });
    expect(
      await manager().applyFile(good.file, { ...good, signature: 'bm90IGEgc2lnbmF0dXJl' }),
    ).toMatchObject({
      ok: false,
      detail: /not a base64 ed25519 signature/,
    });
    await unchanged();
  });

  it('from the launcher environment: reads the key beside the slots and knows its slot', async () => {
    const b = await bundle('2');
    expect(UpdateManager.fromEnv({}, {})).toBeUndefined();
    const keyless = UpdateManager.fromEnv({}, { EDGE_UPDATE_ROOT: root, EDGE_UPDATE_SLOT: 'a' });
    expect(await keyless?.applyFile(b.file, b)).toMatchObject({ ok: false, detail: /no update public key/ });
    await writeFile(path.join(root, PUBLIC_KEY_FILE), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const env = { EDGE_UPDATE_ROOT: root, EDGE_UPDATE_SLOT: 'a' };
    expect(await UpdateManager.fromEnv({}, env)?.applyFile(b.file, b)).toMatchObject({ ok: true, slot: 'b' });
    expect(await UpdateManager.fromEnv({}, { ...env, EDGE_UPDATE_SLOT: 'b' })?.confirmHealthy()).toBe(
      'confirmed',
    );
  });

  it('refuses a second update while one is on probation', async () => {
    const b = await bundle('2');
    await manager().applyFile(b.file, b);
    const c = await bundle('3');
    expect(await manager().applyFile(c.file, c)).toMatchObject({
      ok: false,
      detail: /waiting for its health/,
    });
  });

  it('keeps the state when a crash left `current` behind it', async () => {
    const b = await bundle('2');
    await manager().applyFile(b.file, b);
    await manager({ runningSlot: 'b' }).confirmHealthy();
    await manager().slots.switchTo('a'); // as if the process died between the two writes
    expect(await manager().onStart()).toMatchObject({ status: 'running', slot: 'b' });
    expect(await readlink(path.join(root, 'current'))).toBe('slots/b');
  });
});
