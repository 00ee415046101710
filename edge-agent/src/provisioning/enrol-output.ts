// Writes what enrolment yields: the gateway config (schema-valid, no secrets), the MQTT credentials
// (mode 0600, the `--credentials` file `edge-agent run` reads) and the broker's CA when given.
// Existing files are kept unless `force`: re-enrolling must not silently replace a tuned config.
import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProvisioningFile } from './provisioning-file.js';

export interface EnrolOutputOptions {
  configOut: string;
  /** Default: credentials.json beside the config. */
  credentialsOut?: string;
  force?: boolean;
}

export interface EnrolOutput {
  config: string;
  credentials: string;
  ca?: string;
}

export class EnrolOutputError extends Error {}

export async function writeEnrolment(file: ProvisioningFile, o: EnrolOutputOptions): Promise<EnrolOutput> {
  const dir = path.dirname(o.configOut);
  const credentials = o.credentialsOut ?? path.join(dir, 'credentials.json');
  const ca = file.mqtt.ca === undefined ? undefined : path.join(dir, 'broker-ca.pem');
  if (!o.force)
    for (const f of [o.configOut, credentials, ...(ca === undefined ? [] : [ca])])
      if (await exists(f))
        throw new EnrolOutputError(`${f} already exists: move it away, or pass --force to replace it`);
  await mkdir(dir, { recursive: true });
  // A private broker CA goes beside the config, and the config names it (server authentication).
  const config =
    ca === undefined
      ? file.config
      : { ...file.config, mqtt: { ...file.config.mqtt, tls: { ca: path.resolve(ca) } } };
  await write(o.configOut, json(config), 0o644, o.force);
  await write(
    credentials,
    json({ username: file.mqtt.username, password: file.mqtt.password }),
    0o600,
    o.force,
  );
  if (ca !== undefined && file.mqtt.ca !== undefined) await write(ca, file.mqtt.ca, 0o644, o.force);
  return { config: o.configOut, credentials, ...(ca !== undefined && { ca }) };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function write(file: string, text: string, mode: number, force = false): Promise<void> {
  try {
    await writeFile(file, text, { mode, flag: force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new EnrolOutputError(`${file} already exists: move it away, or pass --force to replace it`);
    throw new EnrolOutputError(`cannot write ${file}: ${(err as Error).message}`);
  }
  await chmod(file, mode);
}
