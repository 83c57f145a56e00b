import type { Credentials } from './Credentials.ts';
import { isEqualConstantTime } from './isEqualConstantTime.ts';
import { fail, MAX_CLOCK_SKEW_SECONDS, type VerifyOptions, type VerifyResult } from './VerifyResult.ts';

/** Whole Unix seconds as decimal digits, as `X-TC-Timestamp` and v1 `Timestamp` carry them (reference §4.3). */
export function parseTimestamp(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,12}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The checks shared by TC3 and v1 before the signature itself, in this order. Why expiry first: a request older than
 * five minutes is rejected as expired whatever else is wrong with it (reference §4.5 step 6: "timestamp within ±5 min
 * (otherwise AuthFailure.SignatureExpire)"); then the key must exist; then the token must match. Why the token before
 * the signature: a v1 `Token` is a signed parameter, so a wrong token would otherwise read as a wrong signature.
 */
export function checkTimestampAndToken(
  timestamp: number,
  secretId: string,
  sentToken: string | undefined,
  options: VerifyOptions,
): { credentials: Credentials } | { failure: VerifyResult } {
  const skew = Math.abs(options.nowSeconds - timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    return {
      failure: fail(
        'AuthFailure.SignatureExpire',
        `timestamp ${timestamp} is ${skew} s away from server time ${options.nowSeconds} (limit ${MAX_CLOCK_SKEW_SECONDS} s)`,
      ),
    };
  }
  const credentials = options.findCredentials(secretId);
  if (credentials === undefined) {
    return { failure: fail('AuthFailure.SecretIdNotFound', `SecretId ${secretId} is unknown`) };
  }
  const token = sentToken === '' ? undefined : sentToken;
  if (credentials.token !== undefined && credentials.token !== '') {
    if (token === undefined) {
      return { failure: fail('AuthFailure.TokenFailure', 'temporary credentials need a session token; none was sent') };
    }
    if (!isEqualConstantTime(token, credentials.token)) {
      return { failure: fail('AuthFailure.TokenFailure', 'the session token does not belong to this SecretId') };
    }
  } else if (token !== undefined) {
    return { failure: fail('AuthFailure.TokenFailure', 'a session token was sent for permanent credentials') };
  }
  return { credentials };
}
