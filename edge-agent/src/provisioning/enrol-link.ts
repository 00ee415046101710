// Where and with what a gateway enrols: from `--url` (the hub's http(s) URL, or the whole enrolment
// link a QR code holds, `retail-enrol:<hub url>#<gatewayId>:<code>`), `--gateway` and `--code`. Pure.
import { gatewayIdSchema } from '@retail/contracts';

export const ENROL_LINK_SCHEME = 'retail-enrol:';

export interface EnrolTarget {
  /** The hub's HTTP base URL, without a trailing slash. */
  httpUrl: string;
  gatewayId: string;
  code: string;
}

export class EnrolInputError extends Error {}

export function enrolTarget(input: { url: string; gateway?: string; code?: string }): EnrolTarget {
  let url = input.url.trim();
  let gateway = input.gateway;
  let code = input.code;
  if (url.startsWith(ENROL_LINK_SCHEME)) {
    const hash = url.indexOf('#');
    const fragment = hash < 0 ? '' : url.slice(hash + 1);
    const m = /^([a-z0-9][a-z0-9_-]{0,63}):([A-Za-z0-9-]{4,32})$/.exec(fragment);
    if (!m)
      throw new EnrolInputError(
        `--url: an enrolment link ends in #<gatewayId>:<code>, e.g. ${ENROL_LINK_SCHEME}http://hub:8080#gw-front:K7QM-2XPD`,
      );
    url = url.slice(ENROL_LINK_SCHEME.length, hash);
    if (gateway !== undefined && gateway !== m[1])
      throw new EnrolInputError(`--gateway ${gateway} differs from the link's gateway ${m[1]}`);
    gateway = m[1];
    code ??= m[2];
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EnrolInputError(
      `--url: "${url}" is not a URL (expected the hub's http:// or https:// address)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new EnrolInputError(`--url: "${url}" must be the hub's http:// or https:// address`);
  if (gateway === undefined) throw new EnrolInputError('--gateway: required (or use the enrolment link)');
  const id = gatewayIdSchema.safeParse(gateway);
  if (!id.success) throw new EnrolInputError(`--gateway "${gateway}": ${id.error.issues[0]?.message}`);
  if (code === undefined || code.trim() === '')
    throw new EnrolInputError('--code: required (or use the enrolment link)');
  return { httpUrl: url.replace(/\/+$/, ''), gatewayId: gateway, code: code.trim() };
}
