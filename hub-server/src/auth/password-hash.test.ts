import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  needsRehash,
  parseHash,
  type ScryptParams,
  verifyDummy,
  verifyPassword,
} from './password-hash.js';

// Cheap parameters keep the suite fast; the format and checks are the same.
const FAST: ScryptParams = { N: 1024, r: 8, p: 1, keyLength: 32 };

describe('password hashing', () => {
  it('round-trips, rejects a wrong password, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('matches composed and decomposed spellings of the same password', async () => {
    const h = await hashPassword('Crème brûlée 2026', FAST);
    expect(await verifyPassword('Cre\u0300me bru\u0302le\u0301e 2026', h)).toBe(true);
  });

  it('uses the parameters stored in the hash, and asks for a rehash when they differ', async () => {
    const old = await hashPassword('s3cret-enough', FAST);
    expect(needsRehash(old, FAST)).toBe(false);
    expect(needsRehash(old, { ...FAST, N: 2048 })).toBe(true);
    expect(needsRehash(old, DEFAULT_SCRYPT)).toBe(true);
    expect(await verifyPassword('s3cret-enough', old)).toBe(true);
    expect(needsRehash('$7$20000$abc$def')).toBe(true);
  });

  it('answers false, without throwing, for malformed or out-of-bounds hashes', async () => {
    const good = await hashPassword('pw', FAST);
    const [, , r, p, salt, hash] = good.split('$');
    for (const bad of [
      '',
      'plaintext',
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`, // a planted hash asking for 1 TiB
      `scrypt$1024$0$${p}$${salt}$${hash}`,
      `scrypt$1024$${r}$${p}$$${hash}`,
      `scrypt$1024$${r}$${p}$${salt}$`,
    ]) {
      expect(parseHash(bad), bad).toBeUndefined();
      expect(await verifyPassword('pw', bad), bad).toBe(false);
    }
  });

  it('spends a verification on unknown users and always answers false', async () => {
    expect(await verifyDummy('anything', FAST)).toBe(false);
    expect(await verifyDummy('anything', FAST)).toBe(false);
  });

  it('makes default-cost hashes in the documented format', async () => {
    const h = await hashPassword('default cost', DEFAULT_SCRYPT);
    expect(parseHash(h)?.params).toEqual(DEFAULT_SCRYPT);
    expect(await verifyPassword('default cost', h)).toBe(true);
  });
});
