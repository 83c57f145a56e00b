import { TbcError } from '../TbcError.ts';

/** An API key pair, plus the session token of temporary credentials (reference §4.3, `X-TC-Token` / `Token`). */
export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

/**
 * The pair every published test vector uses (reference §4.7): "All use SecretId
 * `AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE` and SecretKey `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`." Safe to print: it is
 * public and no account owns it; the emulator accepts it by default.
 */
export const EXAMPLE_CREDENTIALS: Readonly<Credentials> = Object.freeze({
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
});

/**
 * Reads the variables the official SDKs and tccli use. The environment is passed in (only the CLI reads
 * `process.env`). Throws a TbcError naming the missing variable, never echoing a value.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  const secretId = env['TENCENTCLOUD_SECRET_ID']?.trim() ?? '';
  const secretKey = env['TENCENTCLOUD_SECRET_KEY']?.trim() ?? '';
  const token = env['TENCENTCLOUD_SESSION_TOKEN']?.trim() ?? '';
  const missing = [
    ...(secretId === '' ? ['TENCENTCLOUD_SECRET_ID'] : []),
    ...(secretKey === '' ? ['TENCENTCLOUD_SECRET_KEY'] : []),
  ];
  if (missing.length > 0) {
    throw new TbcError(`credentials are incomplete: set ${missing.join(' and ')}`);
  }
  return token === '' ? { secretId, secretKey } : { secretId, secretKey, token };
}
