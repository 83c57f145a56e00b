import { UsageError } from './UsageError.ts';
import { EXAMPLE_CREDENTIALS, credentialsFromEnv, type Credentials } from '../signing/Credentials.ts';

/**
 * Credentials from flags, else from TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN, else Tencent's public
 * example pair (fine for the emulator and the mock; the runner refuses it for live targets).
 */
export function resolveCredentials(
  flags: { secretId?: string; secretKey?: string; token?: string },
  env: Readonly<Record<string, string | undefined>>,
): { value: Credentials; example: boolean } {
  if (flags.secretId !== undefined || flags.secretKey !== undefined) {
    if (flags.secretId === undefined || flags.secretKey === undefined)
      throw new UsageError('--secret-id and --secret-key go together');
    const token = flags.token ?? env['TENCENTCLOUD_SESSION_TOKEN'];
    return {
      value: { secretId: flags.secretId, secretKey: flags.secretKey, ...(token ? { token } : {}) },
      example: false,
    };
  }
  // An empty variable counts as unset (CI systems often define them empty).
  if (env['TENCENTCLOUD_SECRET_ID']?.trim() || env['TENCENTCLOUD_SECRET_KEY']?.trim()) {
    return { value: credentialsFromEnv(env), example: false };
  }
  return { value: { ...EXAMPLE_CREDENTIALS }, example: true };
}
