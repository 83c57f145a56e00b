// Signed requests the benchmark sends, built once so every target receives the same bytes.
import { API_VERSION } from '../../generated/actions.ts';
import { DEFAULT_REGION, DEFAULT_ZONE } from '../../generated/regions.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../../conformance/client/anonymousComputeEnv.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from '../../conformance/signing/Credentials.ts';
import { signTc3 } from '../../conformance/signing/signTc3.ts';
import type { RawRequest, RawResponse } from '../../conformance/wire/RawExchange.ts';

/**
 * The host every request is signed for. Why without a port: the official Node SDKs sign the hostname without the
 * port (reference §5.2 item 2), so one signed request fits all three servers, whatever port each got; the emulator
 * accepts it because it also tries the `Host` header with its port stripped.
 */
export const SIGNED_HOST = '127.0.0.1';

export interface SignedRequest {
  action: string;
  /** Every header except Host (each target sets its own `127.0.0.1:<port>`). */
  headers: Record<string, string>;
  body: string;
}

/**
 * A TC3-signed JSON POST, signed at `timestamp` (Unix seconds) with `credentials`: by default the emulator's example
 * pair, which reaches the default tenant; another tenant's pair reaches that tenant's world.
 */
export function signRequest(
  action: string,
  params: unknown,
  timestamp: number,
  credentials: Credentials = EXAMPLE_CREDENTIALS,
): SignedRequest {
  const body = JSON.stringify(params);
  const contentType = 'application/json';
  const { authorization } = signTc3({
    method: 'POST',
    host: SIGNED_HOST,
    canonicalQueryString: '',
    contentType,
    body,
    timestamp,
    service: 'batch',
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
  });
  const headers = {
    'content-type': contentType,
    authorization,
    'x-tc-action': action,
    'x-tc-version': API_VERSION,
    'x-tc-timestamp': String(timestamp),
    // Required under the default doc revision (seed): without it every request is answered MissingParameter.
    'x-tc-region': DEFAULT_REGION,
  };
  return { action, headers, body };
}

/** The same request as the core handler sees it after node:http (lowercase header names, a Host with a port). */
export function toRaw(request: SignedRequest, host = `${SIGNED_HOST}:4310`): RawRequest {
  return { method: 'POST', url: '/', headers: { ...request.headers, host }, body: Buffer.from(request.body) };
}

export interface ApiAnswer {
  Response?: { Error?: { Code?: string; Message?: string }; RequestId?: string } & Record<string, unknown>;
}

export function bodyText(response: RawResponse): string {
  return typeof response.body === 'string' ? response.body : response.body.toString('utf8');
}

/**
 * Cheap check run on every answer during a load run: a success envelope, no error. String tests rather than
 * JSON.parse so the check costs the load generator the same tiny amount for every target.
 */
export function isSuccessBody(body: string): boolean {
  return body.includes('"RequestId"') && !body.includes('"Error"');
}

/** The job the throughput and memory parts terminate an instance of: one instance that SUCCEEDs after 1 s. */
export const SMALL_JOB = {
  Placement: { Zone: DEFAULT_ZONE },
  Job: {
    JobName: 'bench',
    Tasks: [
      {
        TaskName: 'A',
        TaskInstanceNum: 1,
        Application: { DeliveryForm: 'LOCAL', Command: 'sleep 1' },
        ComputeEnv: ANONYMOUS_COMPUTE_ENV,
      },
    ],
  },
} as const;

/** Long enough for SMALL_JOB to SUCCEED and its CVM to be released (defaults: running at 28 s, released 10 s later). */
export const SETTLE_SECONDS = 3600;

export function terminateParams(jobId: string): { JobId: string; TaskName: string; TaskInstanceIndex: number } {
  return { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 };
}
