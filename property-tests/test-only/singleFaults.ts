// Test support: single-fault implementations for the classes of fault a pass must cover on every seed:
// a wire form that does nothing, integers read laxly from text, digit strings taken for integers, a Region
// mishandled. Each wraps an emulator (every tenant of it) and is wrong about exactly one thing; anything else it
// validates and answers as the emulator does. Nothing is mocked: each is an Implementation the kit talks to.
import type { Implementation } from '../../conformance/Implementation.ts';
import { createApiClient, IN_PROCESS_ORIGIN } from '../../conformance/client/createApiClient.ts';
import { CONTROL_PREFIX, type TenantCreated } from '../../conformance/control/controlPlane.ts';
import { createControlClient } from '../../conformance/control/createControlClient.ts';
import type { Credentials } from '../../conformance/signing/Credentials.ts';
import { parseApiRequest, v1ParamsOf, type ApiRequest } from '../../conformance/wire/parseApiRequest.ts';
import type { RawRequest } from '../../conformance/wire/RawExchange.ts';
import { envelopeOf, errorAnswer, withBug, type Bug } from './withBug.ts';

/** What the fault wrapper knows of each tenant the run creates: its id and key pair, by SecretId. */
interface Tenant {
  id: string;
  credentials: Credentials;
}

/** Which tenant a request signs for (its SecretId: TC3's Credential, v1's SecretId parameter). */
function secretIdOf(request: RawRequest): string {
  const tc3 = /Credential=([^/]+)/.exec(request.headers['authorization'] ?? '')?.[1];
  const parsed = parseApiRequest(request);
  return tc3 ?? (parsed.ok ? (v1ParamsOf(parsed.request)?.['SecretId'] ?? '') : '');
}

async function rawOf(request: Request): Promise<RawRequest> {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers: Object.fromEntries([...request.headers.entries()].map(([k, v]) => [k.toLowerCase(), v])),
    body: Buffer.from(await request.clone().arrayBuffer()),
  };
}

/** An API request as the fault sees it: parsed, with its business parameters and its tenant. */
interface SeenCall {
  api: ApiRequest;
  params: Record<string, unknown>;
  method: 'GET' | 'POST';
  tenant: Tenant | undefined;
}

/**
 * A fault: given an API call the emulator would judge, either `undefined` (let it through untouched) or what to do
 * instead, with `forward` (the call as sent) and `reissue` (the same call with other parameters or another Region,
 * signed anew with the tenant's key, in the same wire form).
 */
type Fault = (
  call: SeenCall,
  tools: {
    forward: () => Promise<Response>;
    reissue: (params: Record<string, unknown>, region?: string) => Promise<Response>;
    control: () => ReturnType<typeof createControlClient>;
  },
) => Promise<Response | undefined> | undefined;

/** Wraps an emulator's Implementation with a fault, learning each tenant from the control plane as it is created. */
function faulty(base: Implementation, fault: Fault): Implementation {
  const tenants = new Map<string, Tenant>();
  const bug: Bug = async (call, forward) => {
    if (call.path.startsWith(CONTROL_PREFIX)) {
      const response = await forward();
      if (call.path === `${CONTROL_PREFIX}tenants` && call.request.method === 'POST' && response.ok) {
        const created = (await response.clone().json()) as TenantCreated;
        tenants.set(created.credentials.secretId, { id: created.id, credentials: created.credentials });
      }
      return response;
    }
    const raw = await rawOf(call.request);
    const parsed = parseApiRequest(raw);
    if (!parsed.ok) return forward();
    const { payload } = parsed.request;
    let params: Record<string, unknown> = {};
    if (payload.form === 'flat') params = payload.params;
    else {
      try {
        params = JSON.parse(payload.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return forward();
      }
    }
    const tenant = tenants.get(secretIdOf(raw));
    const method = raw.method === 'GET' ? 'GET' : 'POST';
    const seen: SeenCall = { api: parsed.request, params, method, tenant };
    const handled = fault(seen, {
      forward,
      async reissue(edited, region) {
        const credentials = tenant?.credentials;
        if (credentials === undefined) return forward();
        const target = createApiClient({
          implementation: base,
          credentials,
          pacing: false,
          ...((region ?? parsed.request.region) === undefined ? {} : { region: region ?? parsed.request.region }),
        });
        const result = await target.raw({
          action: parsed.request.action,
          params: edited,
          scheme: parsed.request.scheme,
          method,
        });
        const answer = result.exchange.response;
        if (answer === undefined) return forward();
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      },
      control: () => createControlClient(base, IN_PROCESS_ORIGIN, tenant === undefined ? {} : { tenant: tenant.id }),
    });
    return (await handled) ?? forward();
  };
  return withBug(base, bug);
}

async function codeOf(response: Response): Promise<string | undefined> {
  const envelope: Record<string, unknown> = await envelopeOf(response).catch(() => ({}));
  const error = envelope['Error'] as { Code?: string } | undefined;
  return error?.Code;
}

/** D-22's rule: decimal digits with an optional leading minus. */
const DECIMAL = /^-?[0-9]+$/;

/**
 * TerminateTaskInstance sent as a TC3 GET is validated as usual and answers success, but changes nothing (the world
 * is put back as it was before the call).
 */
export function noOpOnTc3Get(base: Implementation): Implementation {
  return faulty(base, (call, { forward, control }) => {
    if (call.api.action !== 'TerminateTaskInstance' || call.api.scheme !== 'TC3' || call.method !== 'GET') return;
    return (async () => {
      const world = control();
      const { checkpoint } = await world.checkpoint();
      const response = await forward();
      if ((await codeOf(response.clone())) === undefined) await world.restore(checkpoint);
      await world.deleteCheckpoint(checkpoint);
      return response;
    })();
  });
}

/** A query or form TaskInstanceIndex is read like JavaScript's `Number()`: `0x1`, `1e0`, ` 1`, `1.0` all mean 1. */
export function laxIntegersOnFlatForms(base: Implementation): Implementation {
  return faulty(base, (call, { forward, reissue }) => {
    const text = call.params['TaskInstanceIndex'];
    if (call.api.action !== 'TerminateTaskInstance' || call.api.payload.form !== 'flat') return;
    if (typeof text !== 'string' || DECIMAL.test(text) || !Number.isInteger(Number(text))) return;
    return (async () => {
      const response = await forward();
      if ((await codeOf(response.clone())) !== 'InvalidParameter') return response;
      return reissue({ ...call.params, TaskInstanceIndex: String(Number(text)) });
    })();
  });
}

/** A JSON TaskInstanceIndex that is a string of digits (`"1"`) is taken for the number. */
export function digitStringsInJson(base: Implementation): Implementation {
  return faulty(base, (call, { forward, reissue }) => {
    const value = call.params['TaskInstanceIndex'];
    if (call.api.action !== 'TerminateTaskInstance' || call.api.payload.form !== 'json') return;
    if (typeof value !== 'string' || !DECIMAL.test(value)) return;
    return (async () => {
      const response = await forward();
      if ((await codeOf(response.clone())) !== 'InvalidParameter') return response;
      return reissue({ ...call.params, TaskInstanceIndex: Number(value) });
    })();
  });
}

/** Any Region that is not a Batch region is answered as if `ap-guangzhou` had been sent. */
export function anyRegionIsGuangzhou(base: Implementation): Implementation {
  return faulty(base, (call, { forward, reissue }) => {
    if (call.api.region === undefined || call.api.region === '') return;
    return (async () => {
      const response = await forward();
      if ((await codeOf(response.clone())) !== 'UnsupportedRegion') return response;
      return reissue(call.params, 'ap-guangzhou');
    })();
  });
}

/**
 * A state bug only interleavings find (TTI-MODEL's, alone): a job lookup that keeps only the two most recent jobs of
 * a world, so terminating an instance of an older job answers ResourceNotFound.TaskInstance. Every other invariant
 * works on at most two jobs per run. What is recent is read from the world itself (its jobs in the order submitted),
 * so a world that is reset or restored from a checkpoint forgets as the emulator does.
 */
export function forgetsOlderJobs(base: Implementation): Implementation {
  return faulty(base, (call, { control }) => {
    if (call.api.action !== 'TerminateTaskInstance') return;
    return (async () => {
      const jobs = (await control().snapshot()).jobs.map((j) => j.JobId);
      const at = jobs.indexOf(String(call.params['JobId']));
      if (at === -1 || at >= jobs.length - 2) return undefined;
      return errorAnswer('ResourceNotFound.TaskInstance');
    })();
  });
}
