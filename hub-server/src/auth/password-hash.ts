// Dashboard user passwords: scrypt with a random salt per password and the cost parameters stored
// beside the hash (`scrypt$N$r$p$salt$hash`, base64url), so the cost can be raised later and old
// hashes upgraded at the next successful login (`needsRehash`). Verification is constant-time.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two; memory is 128·N·r bytes. */
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/**
 * OWASP's "N=2^15, r=8, p=3" row: 32 MiB per hash (libuv runs at most 4 at once, so ≤ 128 MiB)
 * for about the CPU time of the 128 MiB "N=2^17, p=1" row: ~0.2–0.6 s per login on a small server.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3, keyLength: 32 };

const SALT_BYTES = 16;
// Bounds on parameters read back from storage, so a planted hash cannot make one login eat the machine.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_KEY = 128;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  const { N, r, p } = params;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash (never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when `stored` was made with other parameters than `params` (or cannot be read): hash again. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const q = parsed.params;
  return q.N !== params.N || q.r !== params.r || q.p !== params.p || q.keyLength !== params.keyLength;
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spends what a real verification with `params` costs and answers false: used when the username is
 * unknown or disabled, so response time does not tell which usernames exist.
 */
export async function verifyDummy(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<false> {
  const key = `${params.N}:${params.r}:${params.p}:${params.keyLength}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword(randomBytes(16).toString('base64url'), params);
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}

export function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || !inRange(r, MAX_R) || !inRange(p, MAX_P)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const hash = Buffer.from(parts[5]!, 'base64url');
  if (salt.byteLength < 8 || hash.byteLength < 16 || hash.byteLength > MAX_KEY) return undefined;
  return { params: { N, r, p, keyLength: hash.byteLength }, salt, hash };
}

function inRange(v: number, max: number): boolean {
  return Number.isInteger(v) && v >= 1 && v <= max;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // NFC so the same password typed on two keyboards (composed vs. decomposed accents) still matches.
  const input = Buffer.from(password.normalize('NFC'), 'utf8');
  const { N, r, p, keyLength } = params;
  const maxmem = 128 * N * r * p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(input, salt, keyLength, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}
