// A deliberately broken hand-rolled client, to show what `tbc client-check` reports (it exits 1 on this one):
//   1. it sends TaskInstanceIndex as a JSON string ("0"), not a number;
//   2. it leaves out X-TC-Region (required under doc revision seed);
//   3. it swallows error codes: whatever the server answers, it returns success-looking data.
// Everything else is right: fetch plus the kit's TC3 signer, POST JSON, a valid signature.
import type { TerminateInput } from '../../conformance/clientcheck/ClientAdapter.ts';
import { signTc3 } from '../../conformance/signing/signTc3.ts';

export default async function terminate(input: TerminateInput): Promise<unknown> {
  // Fault 1: the index travels as a string.
  const body = JSON.stringify({ ...input.params, TaskInstanceIndex: String(input.params.TaskInstanceIndex) });
  const timestamp = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3({
    method: 'POST',
    host: new URL(`${input.protocol}${input.endpoint}`).hostname,
    canonicalQueryString: '',
    contentType: 'application/json',
    body,
    timestamp,
    service: 'batch',
    secretId: input.credentials.secretId,
    secretKey: input.credentials.secretKey,
  });
  const response = await fetch(`${input.protocol}${input.endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-TC-Action': 'TerminateTaskInstance',
      'X-TC-Version': '2017-03-12',
      'X-TC-Timestamp': String(timestamp),
      // Fault 2: no X-TC-Region header.
      ...(input.credentials.token === undefined ? {} : { 'X-TC-Token': input.credentials.token }),
      Authorization: authorization,
    },
    body,
    signal: AbortSignal.timeout(input.timeoutMs),
  });
  // Fault 3: Response.Error is never looked at; every answer reads as a success.
  const json = (await response.json().catch(() => ({}))) as { Response?: { RequestId?: string } };
  return { ok: true, RequestId: json.Response?.RequestId ?? '' };
}
