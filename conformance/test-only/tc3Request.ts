// Test support: a TC3 POST as the Node SDKs send it (reference §5.1), signed with the example credentials.
import type { RawRequest } from '../wire/RawExchange.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { signTc3 } from '../signing/signTc3.ts';

export const NOW = 1551113065;
export const PARAMS = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };

/** A TC3 POST as the Node SDKs send it (reference §5.1), with edits. */
export function tc3(params: unknown = PARAMS, headers: Record<string, string | undefined> = {}): RawRequest {
  const body = JSON.stringify(params);
  const { authorization } = signTc3({
    method: 'POST',
    host: '127.0.0.1',
    canonicalQueryString: '',
    contentType: 'application/json',
    body,
    timestamp: NOW,
    service: 'batch',
    ...EXAMPLE_CREDENTIALS,
  });
  const all: Record<string, string | undefined> = {
    host: '127.0.0.1:4310',
    'content-type': 'application/json',
    'x-tc-action': 'TerminateTaskInstance',
    'x-tc-version': '2017-03-12',
    'x-tc-timestamp': String(NOW),
    'x-tc-region': 'ap-guangzhou',
    authorization,
    ...headers,
  };
  return { method: 'POST', url: '/', headers: all, body: Buffer.from(body) };
}
