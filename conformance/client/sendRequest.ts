import type { Implementation } from '../Implementation.ts';
import type { WireRequest } from './buildWireRequest.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type SendOutcome = { answer: Answer } | { reason: string };

/**
 * Sends one wire request and reads the whole answer within the target's timeout. Never rejects for a transport
 * failure (connection refused, reset, timeout, an Implementation that throws: `{ reason }`); rejects with
 * UnsendableRequest for a request the transport cannot carry at all.
 */
export type WireSender = (wire: WireRequest) => Promise<SendOutcome>;

/** The request cannot be put on the wire (e.g. a header value with a newline): a misuse, not an answer. */
export class UnsendableRequest extends Error {}

/** The sender for an Implementation (the emulator in process, a test double): a Fetch Request in, a Response out. */
export function createImplementationSender(implementation: Implementation, timeoutMs: number): WireSender {
  return async (wire) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let request: Request;
    try {
      request = new Request(wire.url, {
        method: wire.method,
        headers: wire.headers,
        ...(wire.body === undefined ? {} : { body: wire.body }),
        signal,
      });
    } catch (error) {
      throw new UnsendableRequest(`Fetch refuses this request: ${error instanceof Error ? error.message : 'unknown'}`);
    }
    return sendRequest(implementation, request, signal, timeoutMs);
  };
}

async function sendRequest(
  transport: Implementation,
  request: Request,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SendOutcome> {
  // An Implementation may ignore the signal; the race makes the timeout hold anyway.
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener(
      'abort',
      () => {
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
  aborted.catch(() => undefined);
  try {
    // Each promise that may lose the race gets a no-op handler, so its later rejection is not an unhandled one.
    const responding = transport(request);
    responding.catch(() => undefined);
    const response = await Promise.race([responding, aborted]);
    const reading = response.text();
    reading.catch(() => undefined);
    const body = await Promise.race([reading, aborted]);
    return { answer: { status: response.status, headers: Object.fromEntries(response.headers.entries()), body } };
  } catch (error) {
    return { reason: describeFailure(error, timeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return 'the implementation failed without an Error';
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ECONNRESET, …) in `cause`.
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
