import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { Credentials } from './Credentials.ts';
import type { SignatureScheme } from '../wire/SignatureScheme.ts';

/** The API 3.0 common codes a signature check can end in (reference §3.2, §4.5 step 6). */
export type AuthFailureCode = Extract<
  ErrorCode,
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureFailure'
  | 'AuthFailure.SignatureExpire'
  | 'AuthFailure.TokenFailure'
>;

/** A verdict as data. `reason` is for humans and never contains a key, a token or a signature. */
export type VerifyResult =
  { ok: true; secretId: string; scheme: SignatureScheme } | { ok: false; code: AuthFailureCode; reason: string };

/** Looks a SecretId up; `undefined` means unknown (AuthFailure.SecretIdNotFound). */
export type CredentialStore = (secretId: string) => Credentials | undefined;

export interface VerifyOptions {
  findCredentials: CredentialStore;
  /** The verifier's wall clock in Unix seconds; always real time, even when the emulator runs a virtual clock. */
  nowSeconds: number;
}

/** "the timestamp differs from server time by more than 5 minutes" gives AuthFailure.SignatureExpire (§3.2). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function fail(code: AuthFailureCode, reason: string): VerifyResult {
  return { ok: false, code, reason };
}
