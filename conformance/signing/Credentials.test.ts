import { describe, expect, it } from 'vitest';
import { TbcError } from '../TbcError.ts';
import { credentialsFromEnv } from './Credentials.ts';

describe('credentialsFromEnv', () => {
  it('reads the SDK variables, with the session token only when one is set', () => {
    expect(credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDx', TENCENTCLOUD_SECRET_KEY: 'k' })).toEqual({
      secretId: 'AKIDx',
      secretKey: 'k',
    });
    expect(
      credentialsFromEnv({
        TENCENTCLOUD_SECRET_ID: 'AKIDx',
        TENCENTCLOUD_SECRET_KEY: 'k',
        TENCENTCLOUD_SESSION_TOKEN: 't',
      }),
    ).toEqual({ secretId: 'AKIDx', secretKey: 'k', token: 't' });
  });

  it('throws a TbcError that names the missing variable and never echoes a value', () => {
    const attempt = (): unknown =>
      credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: 'AKIDvisible', TENCENTCLOUD_SESSION_TOKEN: 'tok' });
    expect(attempt).toThrow(TbcError);
    expect(attempt).toThrow(/TENCENTCLOUD_SECRET_KEY/);
    expect(attempt).not.toThrow(/tok|AKIDvisible/);
  });
});
