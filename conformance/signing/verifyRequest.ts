import type { RawRequest } from '../wire/RawExchange.ts';
import { readFlatParams } from '../wire/decodeParams.ts';
import { verifyTc3 } from './verifyTc3.ts';
import { verifyV1 } from './verifyV1.ts';
import { fail, type VerifyOptions, type VerifyResult } from './VerifyResult.ts';

export { verifyTc3 } from './verifyTc3.ts';
export { verifyV1, type V1Request } from './verifyV1.ts';
export type { AuthFailureCode, CredentialStore, SignatureScheme, VerifyOptions, VerifyResult } from './VerifyResult.ts';

/**
 * The server-side entry point: picks the scheme the way the protocol does (reference §4.2, §4.3). An `Authorization`
 * header means TC3; otherwise a `Signature` parameter (form body of a form POST, or the query) means v1; neither means
 * the request is not signed at all (AuthFailure.InvalidAuthorization).
 */
export function verifyRequest(request: RawRequest, options: VerifyOptions): VerifyResult {
  if (request.headers['authorization'] !== undefined) return verifyTc3(request, options);
  const params = readFlatParams(request);
  if (!Object.hasOwn(params, 'Signature')) {
    return fail('AuthFailure.InvalidAuthorization', 'neither an Authorization header nor a Signature parameter');
  }
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  return verifyV1(
    { method: request.method, host: request.headers['host'] ?? '', path: path === '' ? '/' : path, params },
    options,
  );
}
