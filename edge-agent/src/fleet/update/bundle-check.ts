// Is a downloaded bundle the one the hub signed? The SHA-256 of the file must equal the command's,
// and the command's ed25519 signature must verify over that digest (the 32 raw digest bytes, not the
// hex text and not the file) with the hub's public key. Every refusal says which check failed.
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function sha256File(file: string): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest();
}

/** Reads an ed25519 public key (PEM, SPKI) and refuses any other kind of key. */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`the update key is ${key.asymmetricKeyType ?? 'unknown'}, expected ed25519`);
  return key;
}

export type BundleCheck = { ok: true; sha256: string } | { ok: false; reason: string };

export async function checkBundle(o: {
  file: string;
  sha256: string;
  signature: string;
  publicKey: KeyObject;
}): Promise<BundleCheck> {
  const digest = await sha256File(o.file);
  const actual = digest.toString('hex');
  if (actual !== o.sha256)
    return { ok: false, reason: `sha256 mismatch: the download is ${actual}, the command says ${o.sha256}` };
  const signature = Buffer.from(o.signature, 'base64');
  if (signature.byteLength !== 64 || signature.toString('base64') !== o.signature)
    return { ok: false, reason: 'signature is not a base64 ed25519 signature (64 bytes)' };
  if (!verify(null, digest, o.publicKey, signature))
    return { ok: false, reason: "signature does not verify with the hub's public key" };
  return { ok: true, sha256: actual };
}
