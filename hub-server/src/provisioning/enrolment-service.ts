// Issues one-time enrolment codes sealing a provisioning file, and redeems them: single use, with an
// expiry, and a gateway's open codes die after a few wrong guesses. Redemption says why it failed
// (wrong, expired, used, locked) so the gateway's operator knows what to do next.
import { randomUUID } from 'node:crypto';
import { normalizeCode } from './enrolment-code.js';
import {
  DEFAULT_SEAL_COST,
  deriveKeys,
  newCode,
  newSalt,
  type ScryptCost,
  seal,
  unseal,
  verifierMatches,
} from './enrolment-seal.js';
import type { EnrolmentStore } from './enrolment-store.js';
import type { ProvisioningDocument } from './provisioning-document.js';

export const DEFAULT_CODE_TTL_MS = 60 * 60_000;
/** Wrong codes for one gateway before its open codes stop working. */
export const MAX_FAILED_ATTEMPTS = 5;

export type RedeemFailure =
  | { reason: 'malformed'; detail: string }
  | { reason: 'wrong'; detail: string }
  | { reason: 'expired'; detail: string }
  | { reason: 'used'; detail: string }
  | { reason: 'locked'; detail: string };

export type RedeemResult = { ok: true; document: ProvisioningDocument } | ({ ok: false } & RedeemFailure);

export interface EnrolmentServiceOptions {
  store: EnrolmentStore;
  cost?: ScryptCost;
}

export class EnrolmentService {
  readonly #cost: ScryptCost;

  constructor(private readonly o: EnrolmentServiceOptions) {
    this.#cost = o.cost ?? DEFAULT_SEAL_COST;
  }

  /** Seals `document` under a new code; returns the code (shown once) and when it expires. */
  async issue(document: ProvisioningDocument, now: number, ttlMs = DEFAULT_CODE_TTL_MS) {
    const code = newCode();
    const salt = newSalt();
    const keys = await deriveKeys(code, salt, this.#cost);
    const expiresAt = now + ttlMs;
    await this.o.store.issue({
      codeId: randomUUID(),
      storeId: document.storeId,
      gatewayId: document.gatewayId,
      salt,
      verifier: keys.verifier.toString('base64'),
      sealed: seal(JSON.stringify(document), keys.key),
      createdAt: now,
      expiresAt,
    });
    return { code, expiresAt };
  }

  async redeem(input: { code: string; gatewayId: string }, now: number): Promise<RedeemResult> {
    const code = normalizeCode(input.code);
    if (code === undefined)
      return { ok: false, reason: 'malformed', detail: 'an enrolment code is 8 characters, like K7QM-2XPD' };
    const rows = await this.o.store.recent(input.gatewayId);
    for (const row of rows) {
      const keys = await deriveKeys(code, row.salt, this.#cost);
      if (!verifierMatches(keys, row.verifier)) continue;
      if (row.usedAt !== null)
        return { ok: false, reason: 'used', detail: `this code was already used (${iso(row.usedAt)})` };
      if (row.expiresAt <= now)
        return { ok: false, reason: 'expired', detail: `this code expired at ${iso(row.expiresAt)}` };
      if (row.failedAttempts >= MAX_FAILED_ATTEMPTS) return locked(input.gatewayId);
      if (row.sealed === null || !(await this.o.store.markUsed(row.codeId, now)))
        return { ok: false, reason: 'used', detail: 'this code was already used' };
      return { ok: true, document: JSON.parse(unseal(row.sealed, keys.key)) as ProvisioningDocument };
    }
    const failures = await this.o.store.countFailure(input.gatewayId);
    if (failures >= MAX_FAILED_ATTEMPTS) return locked(input.gatewayId);
    return {
      ok: false,
      reason: 'wrong',
      detail: `no enrolment code like this was issued for gateway "${input.gatewayId}"`,
    };
  }
}

function locked(gatewayId: string): RedeemResult {
  return {
    ok: false,
    reason: 'locked',
    detail: `too many wrong codes for gateway "${gatewayId}": provision it again for a new code`,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
