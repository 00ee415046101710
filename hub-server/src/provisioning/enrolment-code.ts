// One-time enrolment codes as people read and type them: 8 characters of Crockford base32 (40 bits;
// no I, L, O or U), shown as XXXX-XXXX, read back forgivingly (case, dashes, spaces, O→0, I/L→1).
// And the enrolment link a QR code carries: `retail-enrol:<hub http url>#<gatewayId>:<code>`. Pure.

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;
export const ENROL_LINK_SCHEME = 'retail-enrol:';

/** A code from CODE_LENGTH random bytes (each uses its low 5 bits, so every symbol is equally likely). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`need ${CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[(bytes[i] as number) & 31];
  return code;
}

/** XXXX-XXXX for display. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical code typed in any reasonable way, or undefined when it cannot be one. */
export function normalizeCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return undefined;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return s;
}

export function enrolLink(httpUrl: string, gatewayId: string, code: string): string {
  return `${ENROL_LINK_SCHEME}${httpUrl.replace(/\/+$/, '')}#${gatewayId}:${code}`;
}
