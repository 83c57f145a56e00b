import { DEFAULT_REGION } from '../../generated/regions.ts';
import { API_VERSION, SERVICE, type ActionName } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { createControlClient } from '../control/createControlClient.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { FaultSpec } from '../control/controlPlane.ts';
import { serveRaw } from '../emulator/serveRaw.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { signTc3 } from '../signing/signTc3.ts';
import type { TlsOption } from '../http/resolveTls.ts';

/** One request of the client under test, with the emulator's answer and when it arrived (wall ms). */
export interface WireExchange {
  call: number;
  request: RawRequest;
  response: RawResponse;
  arrivedAt: number;
}

export interface CheckEmulatorOptions {
  docRevision: DocRevision;
  seed: number;
  /** What the client under test signs with. */
  client: Credentials;
  /** What the kit signs its own setup calls with (a separate rate-limit bucket). */
  kit: Credentials;
  namedEnv: string;
  /** HTTPS for the client under test (serveRaw's option); default plain HTTP. */
  tls?: TlsOption;
}

/** The host the kit's in-process calls claim; they never touch the network. */
const KIT_HOST = 'tbc-kit.invalid';
const SECOND = 1;

/**
 * The emulator `tbc client-check` drives a client against: in process, listening on 127.0.0.1:0, in recording mode
 * (`onExchange`). Only requests that came over HTTP are the client's; the kit's own setup and control calls go
 * straight to `handle`. Why a virtual clock that follows the wall clock during a call: instance states stay put
 * between calls (so a scenario's instance is still RUNNING), while the 2/s rate limit still sees the client's real
 * request spacing, so a client that backs off is let through and one that hammers is throttled.
 */
export async function startCheckEmulator(options: CheckEmulatorOptions) {
  const arrivals = new WeakMap<RawRequest, { at: number; call: number }>();
  const exchanges: WireExchange[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let call = 0;
  let clockSyncedAt = Date.now();

  const emulator = createEmulator({
    clock: 'virtual',
    docRevision: options.docRevision,
    credentials: [options.client, options.kit],
    namedEnvs: [options.namedEnv],
    seed: options.seed,
    onExchange: (exchange) => {
      const arrival = arrivals.get(exchange.request);
      if (arrival === undefined) return;
      exchanges.push({
        call: arrival.call,
        request: exchange.request,
        response: exchange.response,
        arrivedAt: arrival.at,
      });
    },
  });

  const control = createControlClient(emulator.implementation, `http://${KIT_HOST}`);

  async function advance(seconds: number): Promise<void> {
    await control.advanceBy(seconds);
  }

  /** A signed API call from the kit itself (setup, or filling the client's rate window). */
  async function api(
    action: ActionName,
    params: unknown,
    credentials: Credentials = options.kit,
  ): Promise<Record<string, unknown>> {
    const body = JSON.stringify(params);
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signTc3({
      method: 'POST',
      host: KIT_HOST,
      canonicalQueryString: '',
      contentType: 'application/json',
      body,
      timestamp,
      service: SERVICE,
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
    });
    const response = await emulator.handle({
      method: 'POST',
      url: '/',
      headers: {
        host: KIT_HOST,
        'content-type': 'application/json',
        'x-tc-action': action,
        'x-tc-version': API_VERSION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': DEFAULT_REGION,
        authorization: signed.authorization,
        ...(credentials.token === undefined ? {} : { 'x-tc-token': credentials.token }),
      },
      body: Buffer.from(body),
    });
    return (JSON.parse(String(response.body)) as { Response: Record<string, unknown> }).Response;
  }

  async function handleClient(request: RawRequest): Promise<RawResponse> {
    const at = Date.now();
    arrivals.set(request, { at, call });
    if (at > clockSyncedAt) {
      const elapsed = at - clockSyncedAt;
      clockSyncedAt = at;
      await advance(elapsed / 1000);
    }
    const handled = emulator.handle(request);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
    return handled;
  }

  const listening = await serveRaw(handleClient, { host: '127.0.0.1', port: 0, tls: options.tls });
  const url = new URL(listening.url);

  return {
    endpoint: url.host,
    protocol: url.protocol === 'https:' ? ('https://' as const) : ('http://' as const),
    /** With `tls`: the certificate the client under test trusts. */
    ca: listening.ca,
    exchanges,
    api,
    advance,
    /** Starts the next call: a fresh rate window (one emulated second later), and the clock follows wall time. */
    async beginCall(): Promise<number> {
      await advance(SECOND);
      clockSyncedAt = Date.now();
      call += 1;
      return call;
    },
    addFault: (fault: FaultSpec) => control.addFault(fault),
    clearFaults: () => control.clearFaults(),
    /** Waits until the emulator has answered every client request (an injected latency outlives a client timeout). */
    async drain(maxMs: number): Promise<void> {
      const deadline = Date.now() + maxMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 20))]);
      }
    },
    close: () => listening.close(),
  };
}

export type CheckEmulator = Awaited<ReturnType<typeof startCheckEmulator>>;
