import type { RawRequest } from '../wire/RawExchange.ts';
import { detectScheme, type DetectedScheme } from '../wire/parseApiRequest.ts';
import { verifyTc3 } from './verifyTc3.ts';
import { verifyV1 } from './verifyV1.ts';
import { fail, type VerifyOptions, type VerifyResult } from './VerifyResult.ts';

export { verifyTc3 } from './verifyTc3.ts';
export { verifyV1, type V1Request } from './verifyV1.ts';
export type { AuthFailureCode, CredentialStore, VerifyOptions, VerifyResult } from './VerifyResult.ts';

/**
 * The server-side entry point: verifies a request under the scheme wire/parseApiRequest.ts detects (an
 * `Authorization` header: TC3; a v1 `Signature` parameter: v1; neither: AuthFailure.InvalidAuthorization).
 */
export function verifyRequest(request: RawRequest, options: VerifyOptions): VerifyResult {
  const detected = detectScheme(request);
  if (detected === undefined) {
    return fail('AuthFailure.InvalidAuthorization', 'neither an Authorization header nor a Signature parameter');
  }
  return verifyDetected(request, detected, options);
}

/**
 * Verifies a request under the scheme already detected for it: a caller that parsed the request (parseApiRequest's
 * `detected`) hands the decision on instead of making it again.
 */
export function verifyDetected(request: RawRequest, detected: DetectedScheme, options: VerifyOptions): VerifyResult {
  if (detected.scheme === 'TC3') return verifyTc3(request, options);
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  return verifyV1(
    {
      method: request.method,
      host: request.headers['host'] ?? '',
      path: path === '' ? '/' : path,
      params: detected.params,
    },
    options,
  );
}
