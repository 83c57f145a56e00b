// tbc client-check adapter for the official `tencentcloud-sdk-nodejs-intl-en` package: the Batch v20170312 Client with
// its default signature, v1 HmacSHA256 in a form-encoded POST. Run:
//   npx tbc client-check --adapter examples/adapters/intlSdk.ts
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { TerminateInput } from '../../conformance/clientcheck/ClientAdapter.ts';

// The package is CommonJS without type declarations: load it with require and describe the little we use.
interface IntlSdk {
  common: {
    Credential: new (secretId: string, secretKey: string, token?: string) => object;
    HttpProfile: new (protocol?: string, endpoint?: string, reqMethod?: string, reqTimeout?: number) => object;
    ClientProfile: new (signMethod?: string, httpProfile?: object) => object;
  };
  batch: {
    v20170312: {
      Client: new (
        credential: object,
        region: string,
        profile: object,
      ) => { TerminateTaskInstance(req: unknown, cb: (error: unknown, response: unknown) => void): void };
    };
  };
}

const sdk = createRequire(import.meta.url)('tencentcloud-sdk-nodejs-intl-en') as IntlSdk;

export default function terminate(input: TerminateInput): Promise<unknown> {
  const { Credential, HttpProfile, ClientProfile } = sdk.common;
  const { secretId, secretKey, token } = input.credentials;
  const client = new sdk.batch.v20170312.Client(
    new Credential(secretId, secretKey, token),
    input.region,
    // No signMethod: the default, HmacSHA256 (signature v1). reqTimeout is in seconds.
    new ClientProfile(undefined, new HttpProfile(input.protocol, input.endpoint, 'POST', input.timeoutMs / 1000)),
  );
  // The client is callback-only, Node style (error first): promisify resolves with the response model and rejects
  // with exactly the error the client reports.
  return promisify(client.TerminateTaskInstance.bind(client))(input.params);
}
