// Test support: the two official Node SDKs (reference §5), loaded as the CommonJS they are. Why createRequire and our
// own narrow interfaces: the intl-en package ships no types, and ESM default-import interop of CJS differs between
// Node and vitest, while `require` gives the same object everywhere.
import { createRequire } from 'node:module';

export interface Sign3Input {
  method: string;
  url: string;
  payload: Buffer | string;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  multipart: boolean;
  boundary: undefined;
  headers: Record<string, string>;
}

export interface OfficialSigner {
  sign(secretKey: string, signStr: string, signMethod: string): string;
  sign3(input: Sign3Input): string;
}

/** `this` as `formatSignString` reads it (both packages build the v1 string to sign in the client class). */
export interface SignStringContext {
  profile: { httpProfile: { reqMethod: string } };
  endpoint: string;
  path: string;
  getEndpoint(): string;
}

type FormatSignString = (this: SignStringContext, params: Record<string, string>) => string;

export interface CommonClientOptions {
  credential: { secretId: string; secretKey: string; token?: string };
  region?: string;
  profile: {
    signMethod?: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1';
    httpProfile: { protocol: string; endpoint: string; reqMethod?: 'POST' | 'GET'; reqTimeout?: number };
  };
}

export interface CommonClient {
  request(action: string, req: unknown): Promise<unknown>;
}

export type IntlCallback = (error: unknown, response: unknown) => void;

export interface IntlBatchClient {
  TerminateTaskInstance(req: unknown, cb: IntlCallback): void;
  DescribeJob(req: unknown, cb: IntlCallback): void;
}

export interface OfficialSdks {
  common: {
    signer: OfficialSigner;
    formatSignString: FormatSignString;
    CommonClient: new (endpoint: string, version: string, options: CommonClientOptions) => CommonClient;
  };
  intl: {
    signer: OfficialSigner;
    formatSignString: FormatSignString;
    Credential: new (secretId: string, secretKey: string, token?: string) => object;
    ClientProfile: new (signMethod?: string, httpProfile?: object) => object;
    HttpProfile: new (
      protocol?: string,
      endpoint?: string,
      reqMethod?: string,
      reqTimeout?: number,
      headers?: Record<string, string>,
    ) => object;
    BatchClient: new (credential: object, region: string | null, profile: object) => IntlBatchClient;
  };
}

export function loadOfficialSdks(): OfficialSdks {
  const require = createRequire(import.meta.url);
  const load = (id: string): unknown => require(id);
  const commonRoot = 'tencentcloud-sdk-nodejs-common/tencentcloud/common';
  const intlRoot = 'tencentcloud-sdk-nodejs-intl-en/tencentcloud';
  return {
    common: {
      signer: (load(`${commonRoot}/sign.js`) as { default: OfficialSigner }).default,
      formatSignString: (
        load(`${commonRoot}/abstract_client.js`) as {
          AbstractClient: { prototype: { formatSignString: FormatSignString } };
        }
      ).AbstractClient.prototype.formatSignString,
      CommonClient: (load(`${commonRoot}/common_client.js`) as { CommonClient: OfficialSdks['common']['CommonClient'] })
        .CommonClient,
    },
    intl: {
      signer: load(`${intlRoot}/common/sign.js`) as OfficialSigner,
      formatSignString: (
        load(`${intlRoot}/common/abstract_client.js`) as { prototype: { formatSignString: FormatSignString } }
      ).prototype.formatSignString,
      Credential: load(`${intlRoot}/common/credential.js`) as OfficialSdks['intl']['Credential'],
      ClientProfile: load(`${intlRoot}/common/profile/client_profile.js`) as OfficialSdks['intl']['ClientProfile'],
      HttpProfile: load(`${intlRoot}/common/profile/http_profile.js`) as OfficialSdks['intl']['HttpProfile'],
      BatchClient: (load(`${intlRoot}/batch/v20170312/index.js`) as { Client: OfficialSdks['intl']['BatchClient'] })
        .Client,
    },
  };
}
