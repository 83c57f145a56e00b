import { DEFAULT_SIGNED_HEADERS } from './signTc3.ts';

export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  /** As written in the header, e.g. `content-type;host`. */
  signedHeaders: string;
  signature: string;
}

// "TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<service>/tc3_request, SignedHeaders=content-type;host,
// Signature=<hex>" (reference §4.3). Why `,\s*` rather than exactly ", ": tolerant of clients that drop the space; the
// parts and their order are what the format fixes.
const TC3_AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/([0-9]{4}-[0-9]{2}-[0-9]{2})\/([^/,\s]+)\/tc3_request,\s*SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\s*Signature=([0-9a-f]{64})$/;

/**
 * Parses a TC3 `Authorization` header; `undefined` when it does not follow the format (AuthFailure.InvalidAuthorization).
 * "The minimum set is content-type and host" (§4.5 step 1), so a header that signs fewer is malformed too.
 */
export function parseTc3Authorization(header: string): Tc3Authorization | undefined {
  const match = TC3_AUTHORIZATION.exec(header.trim());
  if (match === null) return undefined;
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  if (signedHeaders !== DEFAULT_SIGNED_HEADERS) {
    const names = signedHeaders.split(';');
    if (!names.includes('content-type') || !names.includes('host')) return undefined;
  }
  return { secretId, date, service, signedHeaders, signature };
}
