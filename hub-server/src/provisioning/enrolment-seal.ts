// The cryptography behind enrolment codes. The hub keeps no code and no MQTT password in the clear:
// scrypt(code, salt) gives a verifier (stored, compared in constant time) and an AES-256-GCM key
// that seals the provisioning file until the code is presented. A stolen database yields only
// scrypt work per guess, on codes that expire within hours and die on first use.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CODE_LENGTH, codeFromBytes } from './enrolment-code.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** ~50 ms per derivation on a Pi-class CPU; tests pass a cheaper one. */
export const DEFAULT_SEAL_COST: ScryptCost = { N: 1 << 14, r: 8, p: 1 };

export interface DerivedKeys {
  verifier: Buffer;
  key: Buffer;
}

export function newCode(): string {
  return codeFromBytes(randomBytes(CODE_LENGTH));
}

export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

export function deriveKeys(
  code: string,
  salt: string,
  cost: ScryptCost = DEFAULT_SEAL_COST,
): Promise<DerivedKeys> {
  return new Promise((resolve, reject) => {
    scrypt(code, Buffer.from(salt, 'base64'), 64, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, out) => {
      if (err) reject(err);
      else resolve({ verifier: out.subarray(0, 32), key: out.subarray(32) });
    });
  });
}

export function verifierMatches(derived: DerivedKeys, storedVerifier: string): boolean {
  const stored = Buffer.from(storedVerifier, 'base64');
  return stored.byteLength === derived.verifier.byteLength && timingSafeEqual(stored, derived.verifier);
}

/** `iv.ciphertext.tag`, each base64. */
export function seal(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64')).join('.');
}

/** Throws when the key is wrong or the sealed text was altered. */
export function unseal(sealed: string, key: Buffer): string {
  const [iv, body, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
  if (!iv || !body || !tag) throw new Error('sealed enrolment payload is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
