// Exchanges an enrolment code for the provisioning file at the hub's POST /api/v1/enrol. A refusal
// becomes an error saying why in the operator's terms (wrong, expired, already used, locked out).
import type { EnrolTarget } from './enrol-link.js';
import { type ProvisioningFile, parseProvisioningFile } from './provisioning-file.js';

export class EnrolRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const WHAT_NEXT: Record<number, string> = {
  400: 'check the code as printed by the hub (8 characters, XXXX-XXXX)',
  403: 'check the code and the gateway id, or ask for a new code',
  410: 'ask IT to provision the gateway again for a new code',
  429: 'ask IT to provision the gateway again for a new code',
};

export interface EnrolClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function fetchProvisioningFile(
  t: EnrolTarget,
  o: EnrolClientOptions = {},
): Promise<ProvisioningFile> {
  const url = `${t.httpUrl}/api/v1/enrol`;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: t.code, gatewayId: t.gatewayId }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message;
    throw new EnrolRefused(
      `cannot reach the hub at ${url}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`,
      0,
    );
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new EnrolRefused(
      `the hub at ${url} answered ${res.status} with something other than JSON`,
      res.status,
    );
  }
  if (!res.ok) {
    const p = body as { title?: unknown; detail?: unknown } | null;
    const why = typeof p?.title === 'string' ? p.title : `HTTP ${res.status}`;
    const next = WHAT_NEXT[res.status];
    throw new EnrolRefused(`${why}${next ? `: ${next}` : ''}`, res.status);
  }
  return parseProvisioningFile(body, `from ${url}`);
}
