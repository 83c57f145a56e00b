import { createHmac } from 'node:crypto';

export type V1SignatureMethod = 'HmacSHA1' | 'HmacSHA256';

export interface V1Input {
  /** `GET` or `POST`, upper-cased into the string to sign. */
  method: string;
  /** The host as the client writes it, port included when there is one (reference §5.2 item 3). */
  host: string;
  /** Always `/` for the API (reference §4.1). */
  path: string;
  /** Every parameter sent, flattened (reference §2.5), raw (not URL-encoded). `Signature` is ignored if present. */
  params: Readonly<Record<string, string>>;
  secretKey: string;
  signatureMethod: V1SignatureMethod;
}

/**
 * Signature v1, reference §4.6: returns the Base64 signature (not URL-encoded; §4.6 step 6 says to encode it
 * "exactly once" when placing it in the query or form body, which is the caller's job).
 */
export function signV1(input: V1Input): string {
  const algorithm = input.signatureMethod === 'HmacSHA256' ? 'sha256' : 'sha1';
  return createHmac(algorithm, input.secretKey).update(buildV1StringToSign(input), 'utf8').digest('base64');
}

/**
 * "Sort by parameter name in ASCII order ... Join as name=value pairs with &, using raw, not URL-encoded values.
 * String to sign = <METHOD><host><path>?<joined>" (reference §4.6 steps 1–4).
 */
export function buildV1StringToSign(input: Omit<V1Input, 'secretKey' | 'signatureMethod'>): string {
  // Why the default sort: it orders by UTF-16 code unit, which is ASCII order for ASCII names and exactly what both
  // Node SDKs do (`keys.sort()`), so `InstanceIds.12` sorts before `InstanceIds.2`.
  const names = Object.keys(input.params)
    .filter((name) => name !== 'Signature')
    .sort();
  const joined = names.map((name) => `${name}=${input.params[name] ?? ''}`).join('&');
  return `${input.method.toUpperCase()}${input.host}${input.path}?${joined}`;
}
