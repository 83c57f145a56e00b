import { createApiClient, type ApiClient } from '../../client/createApiClient.ts';
import type { Credentials } from '../../signing/Credentials.ts';
import { envelope, layered, serveLive, type Behaviour, type LiveHandler, type LiveRequest } from './LiveRequest.ts';

/** The key pair the behaviours' tests sign with. */
export const BEHAVIOUR_KEYS: Credentials = {
  secretId: 'AKIDliveBehaviourTestKey00000001',
  secretKey: 'liveBehaviourTestSecretKey000001',
};

/** The answer of the stand-in service behind a behaviour under test: `{ Passed: true }`. */
export const PASSED = { Passed: true } as const;

/**
 * Test support for one behaviour alone: `behaviours` around a stand-in service that records what reached it and
 * answers PASSED (or `base`), served like the double (signed requests read once), and a client of it.
 */
export function serveBehaviours(
  behaviours: readonly Behaviour[],
  options: { base?: LiveHandler; wallClock?: () => number; keys?: readonly Credentials[] } = {},
) {
  const reached: LiveRequest[] = [];
  const base: LiveHandler = async (request) => {
    reached.push(request);
    return options.base === undefined ? envelope({ ...PASSED }) : options.base(request);
  };
  const keys = options.keys ?? [BEHAVIOUR_KEYS];
  const implementation = serveLive(layered(base, behaviours), {
    findCredentials: (id) => keys.find((k) => k.secretId === id),
    wallClock: options.wallClock ?? Date.now,
  });
  const target = (more: { region?: string; credentials?: Credentials } = {}): ApiClient =>
    createApiClient({
      implementation,
      credentials: more.credentials ?? BEHAVIOUR_KEYS,
      pacing: false,
      ...(more.region === undefined ? {} : { region: more.region }),
    });
  return { implementation, target, reached };
}

/** The `Response` object of an answer as sent. */
export function responseOf(result: { exchange: { response?: { body: string } } }): Record<string, unknown> & {
  Error?: { Code: string; Message: string };
} {
  return (JSON.parse(result.exchange.response?.body ?? 'null') as { Response: Record<string, unknown> }).Response;
}

/** `Success` or the error code of an answer as sent. */
export function outcomeOfAnswer(result: { exchange: { response?: { body: string } } }): string {
  return responseOf(result).Error?.Code ?? 'Success';
}
