// `edge-agent flash` inputs, all checked before anything is written: the bundle (version and arch from
// its first entries), the provisioning file (the gateway's own parser), the update key, the hostname
// and the Wi-Fi country. Every problem is reported at once.
import { readFile, stat } from 'node:fs/promises';
import { type ProvisioningFile, parseProvisioningFile } from '../../provisioning/provisioning-file.js';
import type { BundleArch } from '../bundle/bundle-layout.js';
import { loadPublicKey } from '../update/bundle-check.js';
import { type BundleInfo, readBundleInfo } from './bundle-info.js';

/** Raspberry Pi OS Bookworm 64-bit. */
export const PI_ARCH: BundleArch = 'arm64';

export interface FlashRequest {
  bundle: string;
  provision: string;
  updateKey?: string;
  hostname?: string;
  wifiCountry?: string;
}

export interface FlashInputs {
  bundle: { file: string; bytes: number; info: BundleInfo };
  provision: { file: string; text: string; parsed: ProvisioningFile };
  updateKey?: { file: string; text: string };
  hostname?: string;
  wifiCountry?: string;
}

export class FlashInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot flash:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A hostname label (RFC 1123), or why not. */
export function hostnameProblem(name: string): string | undefined {
  return HOSTNAME.test(name)
    ? undefined
    : `--hostname "${name}": letters, digits and inner hyphens only, at most 63 characters`;
}

/** An ISO 3166 alpha-2 code, upper case; or why not. */
export function wifiCountryProblem(cc: string): string | undefined {
  return /^[A-Z]{2}$/.test(cc)
    ? undefined
    : `--wifi-country "${cc}": two upper-case letters (ISO 3166), e.g. GB`;
}

export async function readFlashInputs(r: FlashRequest): Promise<FlashInputs> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (err) {
      problems.push(`${what}: ${(err as Error).message}`);
      return undefined;
    }
  };
  const bundle = await attempt(`--bundle ${r.bundle}`, async () => {
    const bytes = (await stat(r.bundle)).size;
    const info = await readBundleInfo(r.bundle);
    if (info.arch !== PI_ARCH)
      throw new Error(`a linux-${info.arch} bundle; Raspberry Pi OS (64-bit) needs linux-${PI_ARCH}`);
    return { file: r.bundle, bytes, info };
  });
  const provision = await attempt(`--provision ${r.provision}`, async () => {
    const text = await readFile(r.provision, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new Error(`not valid JSON: ${(err as Error).message}`);
    }
    return { file: r.provision, text, parsed: parseProvisioningFile(raw, r.provision) };
  });
  const keyFile = r.updateKey;
  const updateKey =
    keyFile === undefined
      ? undefined
      : await attempt(`--update-key ${keyFile}`, async () => {
          const text = await readFile(keyFile, 'utf8');
          loadPublicKey(text);
          return { file: keyFile, text };
        });
  const hostProblem = r.hostname === undefined ? undefined : hostnameProblem(r.hostname);
  if (hostProblem) problems.push(hostProblem);
  const ccProblem = r.wifiCountry === undefined ? undefined : wifiCountryProblem(r.wifiCountry);
  if (ccProblem) problems.push(ccProblem);
  if (problems.length > 0 || bundle === undefined || provision === undefined)
    throw new FlashInputError(problems);
  return {
    bundle,
    provision,
    ...(updateKey !== undefined && { updateKey }),
    ...(r.hostname !== undefined && { hostname: r.hostname }),
    ...(r.wifiCountry !== undefined && { wifiCountry: r.wifiCountry }),
  };
}
