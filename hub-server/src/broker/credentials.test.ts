import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './credentials.js';

describe('credentials', () => {
  it('verifies what it hashed and nothing else', async () => {
    const pw = generatePassword();
    const hash = await hashPassword(pw, 1000);
    expect(hash).toMatch(/^\$7\$1000\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    expect(await verifyPassword(pw, hash)).toBe(true);
    expect(await verifyPassword(`${pw}x`, hash)).toBe(false);
    expect(await verifyPassword(pw, 'garbage')).toBe(false);
  });

  it('reads hashes made by mosquitto_passwd', async () => {
    // `mosquitto_passwd -b file alice s3cret` (Mosquitto 2.0.11)
    const fromMosquitto =
      '$7$101$yZiaLy1g+1iDVmuF$njI7M8MZOaZDjQeKDk2voxECq/9N6NefLLi43Znm9GzOZecpKj1fv4/nFShIqRvFNYV4yrbNFWYvdWekFD+Pag==';
    expect(await verifyPassword('s3cret', fromMosquitto)).toBe(true);
  });
});
