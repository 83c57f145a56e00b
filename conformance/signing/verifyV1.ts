import { checkTimestampAndToken, parseTimestamp } from './checkTimestampAndToken.ts';
import { hostCandidates } from './hostCandidates.ts';
import { isEqualConstantTime } from './isEqualConstantTime.ts';
import { signV1 } from './signV1.ts';
import { fail, type VerifyOptions, type VerifyResult } from './VerifyResult.ts';

export interface V1Request {
  method: string;
  /** The `Host` header as received; the port may or may not have been signed (reference §5.2 item 3). */
  host: string;
  path: string;
  /** Every parameter, already URL-decoded (see decodeParams), `Signature` included. */
  params: Readonly<Record<string, string>>;
}

/**
 * Verifies a v1 (HmacSHA1 / HmacSHA256) request, reference §4.6. "`SignatureMethod` (`HmacSHA256` or `HmacSHA1`; if
 * absent or anything else, HmacSHA1 is assumed)" (§4.3).
 */
export function verifyV1(request: V1Request, options: VerifyOptions): VerifyResult {
  const param = (name: string): string | undefined =>
    Object.hasOwn(request.params, name) ? request.params[name] : undefined;
  const signature = param('Signature');
  if (signature === undefined || signature === '') {
    return fail('AuthFailure.InvalidAuthorization', 'no Signature parameter');
  }
  const secretId = param('SecretId');
  if (secretId === undefined || secretId === '') {
    return fail('AuthFailure.InvalidAuthorization', 'no SecretId parameter');
  }
  const timestamp = parseTimestamp(param('Timestamp'));
  if (timestamp === undefined) {
    return fail('AuthFailure.InvalidAuthorization', 'Timestamp is missing or not whole Unix seconds');
  }
  const checked = checkTimestampAndToken(timestamp, secretId, param('Token'), options);
  if ('failure' in checked) return checked.failure;
  const signatureMethod = param('SignatureMethod') === 'HmacSHA256' ? 'HmacSHA256' : 'HmacSHA1';
  const matches = hostCandidates(request.host).some((host) => {
    const expected = signV1({
      method: request.method,
      host,
      path: request.path,
      params: request.params,
      secretKey: checked.credentials.secretKey,
      signatureMethod,
    });
    return isEqualConstantTime(expected, signature);
  });
  return matches
    ? { ok: true, secretId, scheme: 'v1' }
    : fail('AuthFailure.SignatureFailure', `the v1 ${signatureMethod} signature does not match the request`);
}
