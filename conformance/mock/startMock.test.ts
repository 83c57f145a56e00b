// The mock, seen through the official Node SDK (tencentcloud-sdk-nodejs-common, TC3), as a user would point it.
import { bundle, createConfig } from '@redocly/openapi-core';
import { createRequire } from 'node:module';
import { Agent as HttpsAgent } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type * as ExceptionModule from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../generated/actions.ts';
import { TbcError } from '../TbcError.ts';
import { MOCK_DOCUMENT, startMock } from './startMock.ts';
import type { MockServer } from './startMock.ts';

// The exception class is not re-exported by the package index. The module is CommonJS with `exports.default`, and
// Node and Vite disagree on what an ESM default import of it is, so it is loaded with require.
const EXCEPTION_MODULE = 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception.js';
const { default: TencentCloudSDKHttpException } = createRequire(import.meta.url)(
  EXCEPTION_MODULE,
) as typeof ExceptionModule;

const PARAMS = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };

interface ExampleEnvelope {
  Response: { RequestId: string; Error?: { Code: string; Message: string } };
}

/** The 200 examples of the mock's document, $refs resolved, keyed as in the spec (Success first). */
async function readResponseExamples(): Promise<Map<string, ExampleEnvelope>> {
  const result = await bundle({ ref: MOCK_DOCUMENT, config: await createConfig({}), dereference: true });
  const doc = result.bundle.parsed as {
    paths: { '/': { post: { responses: { '200': { content: { 'application/json': { examples: object } } } } } } };
  };
  const examples = doc.paths['/'].post.responses['200'].content['application/json'].examples;
  return new Map(
    Object.entries(examples as Record<string, { value: ExampleEnvelope }>).map(([key, example]) => [
      key,
      example.value,
    ]),
  );
}

function createClient(endpoint: string, headers: Record<string, string> = {}): CommonClient {
  return new CommonClient(endpoint, '2017-03-12', {
    credential: { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' },
    region: 'ap-guangzhou',
    profile: { httpProfile: { protocol: 'http://', endpoint, headers } },
  });
}

/** Calls TerminateTaskInstance and returns what the SDK threw (undefined when it resolved). */
async function catchRequest(client: CommonClient, params: object): Promise<unknown> {
  try {
    await client.request('TerminateTaskInstance', params);
    return undefined;
  } catch (error) {
    return error;
  }
}

const examples = await readResponseExamples();
const errorCodes = [...examples.keys()].filter((key) => key !== 'Success');

describe('startMock (Prism on spec/TerminateTaskInstance.yaml)', () => {
  let mock: MockServer;
  let endpoint: string;

  beforeAll(async () => {
    mock = await startMock();
    endpoint = mock.url.replace(/^http:\/\//, '');
  });
  afterAll(async () => {
    await mock.stop();
  });

  it('listens on 127.0.0.1 on a free port when no port is given', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9][0-9]*$/);
  });

  it('answers the official SDK CommonClient (TC3) with the Success example', async () => {
    const success = examples.get('Success');
    expect(success).toBeDefined();
    const response: unknown = await createClient(endpoint).request('TerminateTaskInstance', PARAMS);
    expect(response).toEqual(success?.Response);
  });

  it('serves an example for every error code the generated ACTIONS table lists', () => {
    expect(errorCodes).toEqual(ACTIONS.TerminateTaskInstance.errorCodes);
  });

  it.each(errorCodes)(
    'serves the %s example, chosen with Prefer, as a TencentCloudSDKHttpException with its code and RequestId',
    async (code) => {
      const expected = examples.get(code)?.Response;
      const error = await catchRequest(createClient(endpoint, { Prefer: `example=${code}` }), PARAMS);
      expect(error).toBeInstanceOf(TencentCloudSDKHttpException);
      expect(error).toMatchObject({ code, requestId: expected?.RequestId, message: expected?.Error?.Message });
    },
  );

  it("answers an invalid request (JobId 'bad') with Prism's HTTP 422, which the SDK reports without a code", async () => {
    const error = await catchRequest(createClient(endpoint), { ...PARAMS, JobId: 'bad' });
    expect(error).toBeInstanceOf(TencentCloudSDKHttpException);
    expect(error).toMatchObject({ httpCode: 422, requestId: '' });
    expect(error).not.toHaveProperty('code');
  });

  it('answers a raw request with a bad JobId with application/problem+json naming the pattern', async () => {
    const response = await fetch(`${mock.url}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization:
          'TC3-HMAC-SHA256 Credential=x/2019-02-25/batch/tc3_request, SignedHeaders=content-type;host, Signature=0',
        'X-TC-Action': 'TerminateTaskInstance',
        'X-TC-Version': '2017-03-12',
        'X-TC-Timestamp': '1551113065',
      },
      body: JSON.stringify({ ...PARAMS, JobId: 'bad' }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).toContain('JobId');
  });
});

describe('startMock failures and shutdown', () => {
  it('rejects with a TbcError quoting EADDRINUSE when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const started = startMock({ port });
      await expect(started).rejects.toBeInstanceOf(TbcError);
      await expect(started).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects a port outside 0..65535 before starting anything', async () => {
    await expect(startMock({ port: 70_000 })).rejects.toThrow(/port must be an integer/);
  });

  it('stop() ends Prism and frees its port', async () => {
    const mock = await startMock();
    const exit = await mock.stop();
    expect(exit.stopped).toBe(true);
    await expect(fetch(`${mock.url}/`)).rejects.toThrow();
  });
});

describe('startMock with tls', () => {
  it('serves HTTPS that the official SDK reaches trusting only the generated certificate', async () => {
    const mock = await startMock({ tls: true });
    try {
      expect(mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const endpoint = new URL(mock.url).host;
      const client = (agent?: HttpsAgent) =>
        new CommonClient(endpoint, '2017-03-12', {
          credential: {
            secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
            secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
          },
          region: 'ap-guangzhou',
          profile: { httpProfile: { protocol: 'https://', endpoint, ...(agent === undefined ? {} : { agent }) } },
        });
      const trusting = client(new HttpsAgent({ ca: mock.ca }));
      expect(await trusting.request('TerminateTaskInstance', PARAMS)).toEqual(examples.get('Success')?.Response);
      // Without the certificate the same call fails on it: the front really is TLS with this certificate.
      expect(String(await catchRequest(client(), PARAMS))).toContain('self-signed certificate');
    } finally {
      await mock.stop();
    }
  });
});
