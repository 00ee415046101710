// Provisioning and revoking one gateway, shared by the CLI and the HTTP API: new MQTT credentials
// (only the hash kept), the provisioning file from the store's latest layout, and a one-time
// enrolment code sealing that file. Revocation clears the hash, drops open codes, and closes the
// gateway's live broker session where the hub can reach it.
import { fieldIssues, storeLayoutSchema } from '@retail/contracts';
import { generatePassword, hashPassword } from '../broker/credentials.js';
import { usernameOf } from '../broker/topic-acl.js';
import type { HubRepository } from '../storage/repository.js';
import { enrolLink } from './enrolment-code.js';
import type { ScryptCost } from './enrolment-seal.js';
import { DEFAULT_CODE_TTL_MS, EnrolmentService } from './enrolment-service.js';
import { EnrolmentStore } from './enrolment-store.js';
import { buildProvisioningDocument, type ProvisioningDocument } from './provisioning-document.js';

export interface ProvisionRequest {
  storeId: string;
  gatewayId: string;
  mqttUrls: readonly string[];
  /** The hub's HTTP base URL gateways enrol at; without it there is no enrolment link (or QR). */
  httpUrl?: string;
  caPem?: string;
  codeTtlMs?: number;
  now: number;
}

export interface Provisioned {
  document: ProvisioningDocument;
  code: string;
  expiresAt: number;
  /** `retail-enrol:<httpUrl>#<gatewayId>:<code>`, when the hub's HTTP URL is known. */
  link?: string;
}

export interface ProvisioningDeps {
  repo: HubRepository;
  /** scrypt cost for enrolment codes (tests pass a cheap one). */
  sealCost?: ScryptCost;
}

export function enrolmentService(d: ProvisioningDeps): EnrolmentService {
  return new EnrolmentService({
    store: new EnrolmentStore(d.repo.db),
    ...(d.sealCost && { cost: d.sealCost }),
  });
}

export async function provisionGateway(d: ProvisioningDeps, r: ProvisionRequest): Promise<Provisioned> {
  const stored = await d.repo.reference.latestLayout(r.storeId);
  const layout = stored === undefined ? undefined : storeLayoutSchema.safeParse(stored);
  if (layout && !layout.success) {
    const issue = fieldIssues(layout.error)[0];
    throw new Error(`the stored layout of "${r.storeId}" is invalid: ${issue?.path}: ${issue?.message}`);
  }
  const password = generatePassword();
  const username = usernameOf({ role: 'gateway', storeId: r.storeId, gatewayId: r.gatewayId });
  // Built (and so checked) before anything is stored: a bad URL or CA changes nothing.
  const document = buildProvisioningDocument({
    storeId: r.storeId,
    gatewayId: r.gatewayId,
    ...(layout?.success && { layout: layout.data }),
    mqttUrls: r.mqttUrls,
    ...(r.httpUrl !== undefined && { httpUrl: r.httpUrl }),
    username,
    password,
    ...(r.caPem !== undefined && { caPem: r.caPem }),
    issuedAt: r.now,
  });
  await d.repo.registry.setCredentials(r.storeId, r.gatewayId, await hashPassword(password), r.now);
  const { code, expiresAt } = await enrolmentService(d).issue(
    document,
    r.now,
    r.codeTtlMs ?? DEFAULT_CODE_TTL_MS,
  );
  return {
    document,
    code,
    expiresAt,
    ...(r.httpUrl !== undefined && { link: enrolLink(r.httpUrl, r.gatewayId, code) }),
  };
}

export interface Revoked {
  /** False when the gateway had no credentials (unknown, or revoked before). */
  revoked: boolean;
  codesDiscarded: number;
  /** Live broker sessions closed; undefined when this process cannot reach the broker. */
  sessionsClosed?: number;
}

export async function revokeGateway(
  d: ProvisioningDeps & { disconnect?: (storeId: string, gatewayId: string) => number },
  storeId: string,
  gatewayId: string,
): Promise<Revoked> {
  const store = new EnrolmentStore(d.repo.db);
  const revoked = await store.revokeCredentials(storeId, gatewayId);
  const codesDiscarded = await store.discardOpen(storeId, gatewayId);
  return {
    revoked,
    codesDiscarded,
    ...(d.disconnect && { sessionsClosed: d.disconnect(storeId, gatewayId) }),
  };
}
