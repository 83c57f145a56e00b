import { createHash, createHmac } from 'node:crypto';
import { TbcError } from '../TbcError.ts';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const DEFAULT_SIGNED_HEADERS = 'content-type;host';

export interface Tc3Input {
  /** `POST` or `GET` (any method is signed as given, upper-cased). */
  method: string;
  /** The host exactly as signed: Node SDKs sign the hostname without port, Go the `Host` header (reference §5.2). */
  host: string;
  /** "empty for POST; for GET the URL-encoded query string exactly as sent" (reference §4.5 step 1). */
  canonicalQueryString: string;
  /** "The signed content-type must be byte-identical to the header actually sent" (reference §4.5 step 1). */
  contentType: string;
  /** The exact body bytes; a string is taken as UTF-8. */
  body: string | Uint8Array;
  /** Unix seconds, the `X-TC-Timestamp` value. */
  timestamp: number;
  /** Credential-scope service: `batch`, or what a Node SDK derives from its endpoint (reference §5.2 item 1). */
  service: string;
  secretId: string;
  secretKey: string;
  /** Lowercase names joined by `;`. Default `content-type;host`, what every SDK sends (reference §5.2 item 6). */
  signedHeaders?: string;
  /** Values of signed headers other than content-type and host, by lowercase name. */
  headers?: Readonly<Record<string, string>>;
  /** CanonicalURI; the API path is always `/` (reference §4.1). */
  path?: string;
  /**
   * Overrides the credential-scope date. Only for deliberately wrong requests: a correct signer always uses the UTC
   * date of `timestamp`.
   */
  scopeDate?: string;
}

export interface Tc3Signature {
  authorization: string;
  signature: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * TC3-HMAC-SHA256, reference §4.5. Pure: the caller supplies the timestamp and every header value.
 *
 * "CanonicalRequest = HTTPRequestMethod \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders
 * \n HashedRequestPayload", then "StringToSign = TC3-HMAC-SHA256 \n <X-TC-Timestamp> \n <Date>/<service>/tc3_request
 * \n hex(SHA256(CanonicalRequest))", keyed by "kDate = HMAC_SHA256(key="TC3"+SecretKey, msg=Date); kService =
 * HMAC_SHA256(kDate, service); kSigning = HMAC_SHA256(kService, "tc3_request")".
 */
export function signTc3(input: Tc3Input): Tc3Signature {
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) {
    throw new TbcError(`signTc3: timestamp must be whole Unix seconds, got ${input.timestamp}`);
  }
  const signedHeaders = input.signedHeaders ?? DEFAULT_SIGNED_HEADERS;
  // "one name:value\n per signed header, names lowercased, sorted by name, values trimmed (the docs also say
  // lowercase the value)" (§4.5 step 1). Why lowercase: §5.2 item 4 says to verify against the received value
  // "lowercased and trimmed", and every SDK's values are lowercase already, so both readings agree in practice.
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map((name) => `${name}:${canonicalHeaderValue(name, input).trim().toLowerCase()}\n`)
    .join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path ?? '/',
    input.canonicalQueryString,
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.body),
  ].join('\n');
  const date = input.scopeDate ?? utcDateOf(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = hmac(kSigning, stringToSign).toString('hex');
  return {
    // "Note the comma and space separators" (§4.5 step 5).
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    credentialScope,
    canonicalRequest,
    stringToSign,
  };
}

/** "`Date` is the UTC date (`YYYY-MM-DD`) of the timestamp. Using local time breaks around midnight." (§4.5 step 2) */
export function utcDateOf(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

function canonicalHeaderValue(name: string, input: Tc3Input): string {
  if (name === 'content-type') return input.contentType;
  if (name === 'host') return input.host;
  const value = input.headers?.[name];
  if (value === undefined) {
    throw new TbcError(`signTc3: signed header "${name}" has no value`);
  }
  return value;
}
