import { createHmac, hash } from 'node:crypto';
import { createHmacSha256, type HmacSha256 } from './createHmacSha256.ts';
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
  /** hex SHA-256 of `body`, when the caller already has it (a verifier trying several hosts hashes once). */
  payloadHash?: string;
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
  // Why concatenation rather than arrays and join: the emulator's verifier runs this on every request.
  let canonicalHeaders = '';
  for (const name of signedHeaders.split(';')) {
    canonicalHeaders += `${name}:${canonicalHeaderValue(name, input).trim().toLowerCase()}\n`;
  }
  const canonicalRequest =
    `${input.method.toUpperCase()}\n${input.path ?? '/'}\n${input.canonicalQueryString}\n${canonicalHeaders}\n` +
    `${signedHeaders}\n${input.payloadHash ?? sha256Hex(input.body)}`;
  const date = input.scopeDate ?? utcDateOf(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `${TC3_ALGORITHM}\n${input.timestamp}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
  const signature = signingKey(input.secretKey, date, input.service)(stringToSign);
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
  const day = Math.floor(timestampSeconds / 86_400);
  if (day !== lastDay.day) lastDay = { day, date: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return lastDay.date;
}

/** Every request of a day shares its date; formatting it once per day keeps Date off the verifier's hot path. */
let lastDay = { day: Number.NaN, date: '' };

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/**
 * "kDate = HMAC_SHA256(key="TC3"+SecretKey, msg=Date); kService = HMAC_SHA256(kDate, service); kSigning =
 * HMAC_SHA256(kService, "tc3_request")" (§4.5 step 3). Why cached: the key changes once a day per SecretKey and
 * service, and deriving it is three of the four HMACs of every signature (the emulator verifies on its hot path).
 */
const signingKeys = new Map<string, HmacSha256>();
const SIGNING_KEY_CACHE_SIZE = 64;

function signingKey(secretKey: string, date: string, service: string): HmacSha256 {
  // Why a check of the last key before the map: nearly every request repeats it, and it spares building the map key.
  if (last !== undefined && last.secretKey === secretKey && last.date === date && last.service === service) {
    return last.key;
  }
  const cacheKey = `${secretKey}\u0000${date}\u0000${service}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = createHmacSha256(hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request'));
    if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  last = { secretKey, date, service, key };
  return key;
}

let last: { secretKey: string; date: string; service: string; key: HmacSha256 } | undefined;

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
