import type { Implementation } from '../Implementation.ts';
import { createEmulator } from '../emulator/createEmulator.ts';

/** The envelope rules of reference §4.4, each broken alone by one double. */
export const ENVELOPE_FAULTS = [
  /** Successful answers lack `RequestId` ("`Response` and `RequestId` are always there"). */
  'success-without-request-id',
  /** Every RequestId is a string that is not a UUID (§2.7: "lowercase 8-4-4-4-12 hex UUID in every example"). */
  'non-uuid-request-id',
  /** Error envelopes lack `Error.Message` (`{"Error": {"Code": "<code>", "Message": "<text>"}}`). */
  'error-without-message',
  /** Error envelopes are sent as `Content-Type: text/plain`, body unchanged (every answer is application/json). */
  'error-as-text-plain',
  /** Error envelopes are sent with HTTP status 500, body unchanged ("API-level errors ... come back with HTTP 200"). */
  'http-500-errors',
] as const;

export type EnvelopeFault = (typeof ENVELOPE_FAULTS)[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `Response` object of an answer body, or undefined for a body that is no envelope (left alone). */
function responseOf(body: unknown): Record<string, unknown> | undefined {
  return isRecord(body) && isRecord(body['Response']) ? body['Response'] : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Test support: a target that is right about everything but ONE envelope rule, so the kit's own tests can show that a
 * conformance run reports that fault (and only it). It wraps a correct implementation — by default a virtual-clock
 * emulator, which the runner drives in the `emulated` profile — and breaks `fault` in every API answer it applies to;
 * data, error codes, HTTP statuses and headers otherwise pass through as the inner implementation sent them, and the
 * control plane (`/_emulator/...`) is never touched. Why a wrapper and not an emulator option: the emulator stays
 * correct, and the fault is visible in one place.
 */
export function createEnvelopeFaultDouble(
  fault: EnvelopeFault,
  inner: Implementation = createEmulator({ clock: 'virtual' }).implementation,
): Implementation {
  let answers = 0;
  return async (request) => {
    const original = await inner(request);
    const text = await original.text();
    const body = parseJson(text);
    const response = responseOf(body);
    const rebuilt = (init: { body?: string; status?: number; contentType?: string } = {}): Response => {
      const headers = new Headers(original.headers);
      if (init.contentType !== undefined) headers.set('content-type', init.contentType);
      // An inner fetch to a server sends Content-Length; served on (serveImplementation) it must fit the new body.
      if (init.body !== undefined) headers.delete('content-length');
      return new Response(init.body ?? text, { status: init.status ?? original.status, headers });
    };
    // Control-plane answers (`/_emulator/...`) and injected non-JSON bodies are no envelopes: they pass untouched.
    if (response === undefined) return rebuilt();
    answers += 1;
    const error = response['Error'];
    switch (fault) {
      case 'success-without-request-id':
        if (error !== undefined) return rebuilt();
        delete response['RequestId'];
        return rebuilt({ body: JSON.stringify(body) });
      case 'non-uuid-request-id':
        if (response['RequestId'] === undefined) return rebuilt();
        response['RequestId'] = `request-${answers}`;
        return rebuilt({ body: JSON.stringify(body) });
      case 'error-without-message':
        if (!isRecord(error)) return rebuilt();
        delete error['Message'];
        return rebuilt({ body: JSON.stringify(body) });
      case 'error-as-text-plain':
        return rebuilt(error === undefined ? {} : { contentType: 'text/plain' });
      case 'http-500-errors':
        return rebuilt(error === undefined ? {} : { status: 500 });
    }
  };
}
