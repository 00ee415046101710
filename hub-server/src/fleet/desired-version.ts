// Rolling a gateway (or every gateway of a store) to a published bundle version: the `update`
// command with the manifest's sha256 and signature and the download URL, sent retained so that a
// gateway offline now gets it when it reconnects (the agent answers "already running" to a repeat,
// and refuses a version it has rolled back).
import { type CmdMessage, formatMsgId } from '@retail/contracts';
import { readManifest } from './bundle-manifest.js';
import type { GatewayCommands } from './gateway-commands.js';

export interface DesiredVersionDeps {
  commands: GatewayCommands;
  /** `<dataDir>/bundles`. */
  bundlesDir: string;
  /** The hub's URL as gateways reach it, e.g. `https://hub.example:8080`. */
  publicUrl: string;
  /** The gateway ids of a store (the registry's provisioned gateways). */
  listGateways(storeId: string): Promise<string[]>;
  now(): number;
}

export interface DesiredVersionTarget {
  storeId: string;
  /** One gateway; all the store's gateways when absent. */
  gatewayId?: string;
}

let counter = 0;

/** Sends `update` to the target gateways; returns the gateway ids it was sent to. */
export async function publishDesiredVersion(
  d: DesiredVersionDeps,
  target: DesiredVersionTarget,
  version: string,
): Promise<string[]> {
  const manifest = await readManifest(d.bundlesDir, version);
  if (!manifest)
    throw new Error(
      `version ${version} is not published in ${d.bundlesDir} (run hub-server sign-bundle --publish)`,
    );
  const gateways = target.gatewayId ? [target.gatewayId] : await d.listGateways(target.storeId);
  const url = new URL(`/api/v1/bundles/${encodeURIComponent(version)}`, d.publicUrl).href;
  const messages: CmdMessage[] = gateways.map((gatewayId) => ({
    v: 1,
    // Unique per hub process: milliseconds × 1000 + a counter (the contract allows 16 digits).
    msgId: formatMsgId('hub', d.now() * 1000 + (counter++ % 1000)),
    storeId: target.storeId,
    gatewayId,
    ts: d.now(),
    command: { name: 'update', version, url, sha256: manifest.sha256, signature: manifest.signature },
  }));
  if (messages.length === 0) return [];
  await d.commands.sendCommands(messages, { retain: true });
  return gateways;
}
