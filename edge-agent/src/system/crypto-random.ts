// Uniform [0, 1) from the operating system's CSPRNG: noise and path ids must not be predictable.
import { randomBytes } from 'node:crypto';

export function cryptoRandom(): number {
  // 53 random bits, the precision of a double.
  const b = randomBytes(8);
  return (b.readUInt32BE(0) * 2 ** 21 + (b.readUInt32BE(4) >>> 11)) / 2 ** 53;
}
