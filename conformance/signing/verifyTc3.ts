import type { RawRequest } from '../wire/RawExchange.ts';
import { checkTimestampAndToken, parseTimestamp } from './checkTimestampAndToken.ts';
import { hostCandidates } from './hostCandidates.ts';
import { isEqualConstantTime } from './isEqualConstantTime.ts';
import { parseTc3Authorization } from './parseTc3Authorization.ts';
import { DEFAULT_SIGNED_HEADERS, sha256Hex, signTc3, utcDateOf } from './signTc3.ts';
import { fail, type VerifyOptions, type VerifyResult } from './VerifyResult.ts';

/**
 * Verifies a TC3-HMAC-SHA256 request (reference §4.5) as a server would, accepting what the official SDKs send
 * (§5.2): the credential-scope service is taken from the scope, the signed host may lack the port, the signed headers
 * are those the header lists, and the content-type is the one received (lowercased and trimmed, item 4).
 */
export function verifyTc3(request: RawRequest, options: VerifyOptions): VerifyResult {
  const header = request.headers['authorization'];
  if (header === undefined || header.trim() === '') {
    return fail('AuthFailure.InvalidAuthorization', 'no Authorization header');
  }
  const authorization = parseTc3Authorization(header);
  if (authorization === undefined) {
    return fail(
      'AuthFailure.InvalidAuthorization',
      'Authorization does not read "TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<service>/tc3_request, ' +
        'SignedHeaders=<names including content-type and host>, Signature=<64 lowercase hex>"',
    );
  }
  // Why InvalidAuthorization: without the timestamp the string to sign cannot be built, so the credentials are
  // unusable as sent; the emulator may report MissingParameter first if it checks common parameters before this.
  const timestamp = parseTimestamp(request.headers['x-tc-timestamp']?.trim());
  if (timestamp === undefined) {
    return fail('AuthFailure.InvalidAuthorization', 'X-TC-Timestamp is missing or not whole Unix seconds');
  }
  const checked = checkTimestampAndToken(timestamp, authorization.secretId, request.headers['x-tc-token'], options);
  if ('failure' in checked) return checked.failure;
  const expectedDate = utcDateOf(timestamp);
  if (authorization.date !== expectedDate) {
    return fail(
      'AuthFailure.SignatureFailure',
      `credential scope date ${authorization.date} is not the UTC date ${expectedDate} of X-TC-Timestamp`,
    );
  }
  const hostHeader = request.headers['host'];
  if (hostHeader === undefined || hostHeader.trim() === '') {
    return fail('AuthFailure.InvalidAuthorization', 'no Host header to check the signed host against');
  }
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  // Signed headers beyond the two every SDK signs; a signed header that was not sent is signed as empty, so the
  // mismatch shows as a wrong signature.
  let others: Record<string, string> | undefined;
  if (authorization.signedHeaders !== DEFAULT_SIGNED_HEADERS) {
    others = {};
    for (const name of authorization.signedHeaders.split(';')) {
      if (name !== 'host' && name !== 'content-type') others[name] = request.headers[name] ?? '';
    }
  }
  const payloadHash = sha256Hex(request.body);
  // Node SDKs sign the host without its port, Go with it (§5.2 item 2): try the more common form (the last) first.
  const hosts = hostCandidates(hostHeader);
  let matches = false;
  for (let i = hosts.length - 1; i >= 0 && !matches; i--) {
    const expected = signTc3({
      method: request.method,
      host: hosts[i] ?? '',
      canonicalQueryString: query,
      contentType: request.headers['content-type'] ?? '',
      body: request.body,
      payloadHash,
      timestamp,
      service: authorization.service,
      secretId: authorization.secretId,
      secretKey: checked.credentials.secretKey,
      signedHeaders: authorization.signedHeaders,
      headers: others,
      path: path === '' ? '/' : path,
    });
    matches = isEqualConstantTime(expected.signature, authorization.signature);
  }
  return matches
    ? { ok: true, secretId: authorization.secretId, scheme: 'TC3' }
    : fail('AuthFailure.SignatureFailure', 'the TC3 signature does not match the request');
}
