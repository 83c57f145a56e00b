import { describe, expect, it } from 'vitest';
import { createApiClient, IN_PROCESS_ORIGIN } from '../client/createApiClient.ts';
import { createControlClient } from '../control/createControlClient.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { Implementation } from '../Implementation.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { createEnvelopeFaultDouble, ENVELOPE_FAULTS, type EnvelopeFault } from './createEnvelopeFaultDouble.ts';

interface Seen {
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Records every answer an implementation gives, as sent. */
function recorded(implementation: Implementation): { implementation: Implementation; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    implementation: async (request) => {
      const path = new URL(request.url).pathname;
      const response = await implementation(request);
      const answer = {
        path,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.clone().text(),
      };
      seen.push(answer);
      return response;
    },
  };
}

type Json = { Response: Record<string, unknown> & { Error?: Record<string, unknown> } };

const parse = (body: string): Json => JSON.parse(body) as Json;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Runs the same calls through the double and records, side by side, what the wrapped emulator answered (`inner`) and
 * what the double sent on (`outer`): successes, errors, control-plane calls and one injected non-JSON answer.
 */
async function drive(fault: EnvelopeFault): Promise<{ inner: Seen[]; outer: Seen[] }> {
  const inner = recorded(createEmulator({ clock: 'virtual', rateLimits: false }).implementation);
  const outer = recorded(createEnvelopeFaultDouble(fault, inner.implementation));
  const target = createApiClient({
    implementation: outer.implementation,
    credentials: EXAMPLE_CREDENTIALS,
    pacing: false,
  });
  const control = createControlClient(outer.implementation, IN_PROCESS_ORIGIN);
  await control.info();
  const submitted = await target.raw({
    action: 'SubmitJob',
    params: {
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: {
        Tasks: [
          {
            TaskName: 'A',
            Application: { DeliveryForm: 'LOCAL', Command: 'sleep 60' },
            ComputeEnv: { EnvType: 'MANAGED' },
          },
        ],
      },
    },
  });
  const jobId = parse(submitted.exchange.response?.body ?? '').Response['JobId'] as string;
  await control.advanceBy(2);
  await target.DescribeJob({ JobId: jobId });
  await target.DescribeTask({ JobId: jobId, TaskName: 'A' });
  await target.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 4 });
  await target.DescribeJob({ JobId: 'job-1' });
  await target.raw({ action: 'NoSuchAction' });
  await target.TerminateTaskInstance({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
  await control.addFault({ kind: 'non-json', count: 1 });
  await target.DescribeJob({ JobId: jobId });
  await control.snapshot(jobId);
  return { inner: inner.seen, outer: outer.seen };
}

/** For each fault: what must differ between the emulator's answer and the double's, and that nothing else does. */
const RULES: Record<EnvelopeFault, (inner: Seen, outer: Seen, isError: boolean) => void> = {
  'success-without-request-id'(inner, outer, isError) {
    expect({ ...outer, body: undefined }).toEqual({ ...inner, body: undefined });
    if (isError) {
      expect(outer.body).toBe(inner.body);
      return;
    }
    const expected = parse(inner.body);
    delete expected.Response['RequestId'];
    expect(parse(outer.body)).toEqual(expected);
  },
  'non-uuid-request-id'(inner, outer) {
    expect({ ...outer, body: undefined }).toEqual({ ...inner, body: undefined });
    const sent = parse(outer.body);
    expect(sent.Response['RequestId']).toEqual(expect.any(String));
    expect(sent.Response['RequestId']).not.toMatch(UUID);
    expect({ Response: { ...sent.Response, RequestId: 'same' } }).toEqual({
      Response: { ...parse(inner.body).Response, RequestId: 'same' },
    });
  },
  'error-without-message'(inner, outer, isError) {
    expect({ ...outer, body: undefined }).toEqual({ ...inner, body: undefined });
    if (!isError) {
      expect(outer.body).toBe(inner.body);
      return;
    }
    const expected = parse(inner.body);
    delete expected.Response.Error?.['Message'];
    expect(parse(outer.body)).toEqual(expected);
    expect(parse(outer.body).Response.Error).not.toHaveProperty('Message');
  },
  'error-as-text-plain'(inner, outer, isError) {
    const contentType = isError ? 'text/plain' : inner.headers['content-type'];
    expect(outer).toEqual({ ...inner, headers: { ...inner.headers, 'content-type': contentType } });
  },
  'http-500-errors'(inner, outer, isError) {
    expect(outer).toEqual({ ...inner, status: isError ? 500 : inner.status });
  },
};

describe('createEnvelopeFaultDouble', () => {
  for (const fault of ENVELOPE_FAULTS) {
    it(`${fault}: breaks exactly that envelope rule in every API answer and passes everything else through`, async () => {
      const { inner, outer } = await drive(fault);
      expect(outer).toHaveLength(inner.length);
      let successes = 0;
      let errors = 0;
      let untouched = 0;
      for (const [i, seen] of inner.entries()) {
        const sent = outer[i] as Seen;
        let body: Json | undefined;
        try {
          body = parse(seen.body);
        } catch {
          body = undefined;
        }
        if (seen.path.startsWith('/_emulator/') || body?.Response === undefined) {
          expect(sent).toEqual(seen);
          untouched += 1;
          continue;
        }
        const isError = body.Response.Error !== undefined;
        if (isError) errors += 1;
        else successes += 1;
        RULES[fault](seen, sent, isError);
      }
      // The scenario reached every kind of answer: successes, errors, control calls and the non-JSON answer.
      expect({ successes, errors, untouched }).toEqual({ successes: 4, errors: 3, untouched: 5 });
    });
  }

  it('drops the Content-Length of an inner answer whose body it rewrites', async () => {
    const body = '{"Response":{"JobId":"job-rybewp57","RequestId":"72e9a712-1fed-4b57-be72-62e71eefd4c3"}}';
    const inner: Implementation = () =>
      Promise.resolve(
        new Response(body, {
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        }),
      );
    const response = await createEnvelopeFaultDouble(
      'success-without-request-id',
      inner,
    )(new Request(IN_PROCESS_ORIGIN));
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toBe('{"Response":{"JobId":"job-rybewp57"}}');
  });

  it('wraps a virtual-clock emulator with its control plane by default', async () => {
    const double = createEnvelopeFaultDouble('http-500-errors');
    const info = await createControlClient(double, IN_PROCESS_ORIGIN).info();
    expect(info).toMatchObject({ emulator: 'tbc', clock: { kind: 'virtual' } });
    const target = createApiClient({ implementation: double, credentials: EXAMPLE_CREDENTIALS, pacing: false });
    const result = await target.DescribeJob({ JobId: 'job-00000000' });
    expect(result.exchange.response?.status).toBe(500);
    expect(parse(result.exchange.response?.body ?? '').Response.Error?.['Code']).toBe('ResourceNotFound.Job');
  });
});
