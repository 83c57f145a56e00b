// tbc client-check adapter for the official `tencentcloud-sdk-nodejs-common` package: CommonClient, TC3-HMAC-SHA256
// over POST JSON (its defaults). Run: npx tbc client-check --adapter examples/adapters/commonSdk.ts
import { Agent } from 'node:https';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type { TerminateInput } from '../../conformance/clientcheck/ClientAdapter.ts';

export default async function terminate(input: TerminateInput): Promise<unknown> {
  const client = new CommonClient(input.endpoint, '2017-03-12', {
    credential: input.credentials,
    region: input.region,
    profile: {
      // The SDK's timeout is in seconds; it passes reqTimeout * 1000 to node-fetch, so fractions work.
      httpProfile: {
        protocol: input.protocol,
        endpoint: input.endpoint,
        reqTimeout: input.timeoutMs / 1000,
        // Under `tbc client-check --tls`: trust the kit's certificate, and only it, for this client.
        ...(input.ca === undefined ? {} : { agent: new Agent({ ca: input.ca }) }),
      },
    },
  });
  // Resolves with the raw `Response` object; rejects with TencentCloudSDKHttpException (or a raw FetchError).
  return client.request('TerminateTaskInstance', input.params);
}
