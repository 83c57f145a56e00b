import type { Implementation } from '../Implementation.ts';
import type { WireRequest } from './buildWireRequest.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type SendOutcome = { answer: Answer } | { reason: string };

/**
 * Sends one wire request through an Implementation (the emulator, a test double, or `fetch` to an endpoint) and reads
 * the whole answer, within `timeoutMs`. Never throws for a transport failure: connection refused, reset, timeout and an
 * Implementation that throws all come back as `{ reason }`.
 */
export async function sendRequest(
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

export function toFetchRequest(wire: WireRequest, signal: AbortSignal): Request {
  return new Request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    ...(wire.body === undefined ? {} : { body: wire.body }),
    signal,
  });
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return 'the implementation failed without an Error';
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ECONNRESET, …) in `cause`.
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
