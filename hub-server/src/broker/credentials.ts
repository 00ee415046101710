// MQTT credentials. Passwords are stored only as Mosquitto's own PBKDF2-SHA512 format
// (`$7$iterations$salt$hash`), so the same hash serves the embedded broker and a generated
// Mosquitto password file. Verification is constant-time.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
const ITERATIONS = 20_000;
const SALT_BYTES = 12;
const HASH_BYTES = 64;

export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(password, salt, iterations, HASH_BYTES, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 5 || parts[1] !== '7') return false;
  const iterations = Number(parts[2]);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
  const expected = Buffer.from(parts[4]!, 'base64');
  if (expected.byteLength !== HASH_BYTES) return false;
  const actual = await pbkdf2Async(
    password,
    Buffer.from(parts[3]!, 'base64'),
    iterations,
    HASH_BYTES,
    'sha512',
  );
  return timingSafeEqual(actual, expected);
}
