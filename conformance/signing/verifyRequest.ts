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
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  return verifyDetected(request, detected, options, path === '' ? '/' : path);
}

/**
 * Verifies a request under the scheme already detected for it: a caller that parsed the request (parseApiRequest's
 * `detected`) hands the decision on instead of making it again. `path`: what a v1 signature covers; parseApiRequest
 * accepts only `/`, so only verifyRequest, which takes any request, reads it from the URL.
 */
export function verifyDetected(
  request: RawRequest,
  detected: DetectedScheme,
  options: VerifyOptions,
  path = '/',
): VerifyResult {
  if (detected.scheme === 'TC3') return verifyTc3(request, options);
  return verifyV1(
    { method: request.method, host: request.headers['host'] ?? '', path, params: detected.params },
    options,
  );
}

/** validateRequest's `verifySignature` for a proxy or a checker: verifies the detected scheme with these options. */
export function signatureVerifier(
  options: VerifyOptions,
): (request: RawRequest, detected: DetectedScheme) => VerifyResult {
  return (request, detected) => verifyDetected(request, detected, options);
}
