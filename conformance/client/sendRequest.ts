import type { Implementation } from '../Implementation.ts';
import type { WireRequest } from './buildWireRequest.ts';
import { formatBytes, KEPT_ANSWER_BYTES, type Deadlines } from './Deadlines.ts';
import { createExchangeTimer, WAITING_FOR_BODY, WAITING_FOR_HEADERS } from './createExchangeTimer.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * Set when the body was larger than the cap: it was not read past it, and `body` holds only its first
   * KEPT_ANSWER_BYTES (an unreadable answer, whatever those bytes say).
   */
  cutOff?: string;
}

/**
 * No answer: `reason` says why; `timedOut` when a deadline ran out (the target may have stopped answering), as
 * opposed to a refused or reset connection.
 */
export interface NoAnswer {
  reason: string;
  timedOut: boolean;
}

export type SendOutcome = { answer: Answer } | NoAnswer;

/** What bounds one exchange: its deadlines and the largest answer read. */
export interface SendLimits {
  deadlines: Deadlines;
  maxAnswerBytes: number;
}

/**
 * Sends one wire request and reads the answer within the limits. Never rejects for a transport failure (connection
 * refused, reset, a deadline, an Implementation that throws: NoAnswer); rejects with UnsendableRequest for a request
 * the transport cannot carry at all.
 */
export type WireSender = (wire: WireRequest) => Promise<SendOutcome>;

/** The request cannot be put on the wire (e.g. a header value with a newline): a misuse, not an answer. */
export class UnsendableRequest extends Error {}

/** The sender for an Implementation (the emulator in process, a test double): a Fetch Request in, a Response out. */
export function createImplementationSender(implementation: Implementation, limits: SendLimits): WireSender {
  const exchange = boundedExchange(implementation, limits);
  return async (wire) => {
    const init = {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body === undefined ? {} : { body: wire.body }),
    };
    const outcome = await exchange((signal) => {
      try {
        return new Request(wire.url, { ...init, signal });
      } catch (error) {
        throw new UnsendableRequest(
          `Fetch refuses this request: ${error instanceof Error ? error.message : 'unknown'}`,
        );
      }
    });
    if ('reason' in outcome) return outcome;
    const { response, bytes, cutOff } = outcome;
    const answer: Answer = {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: new TextDecoder().decode(bytes),
    };
    return { answer: cutOff === undefined ? answer : { ...answer, cutOff } };
  };
}

/** A Response read to its end (or to the cap) within the deadlines. */
export type BoundedOutcome = { response: Response; bytes: Uint8Array; cutOff?: string } | NoAnswer;

/**
 * Calls an Implementation and reads its answer within the deadlines and the cap, whatever the Implementation does: it
 * may ignore the abort signal, never settle, or hand back a body that never ends. Shared by the kit's in-process
 * sender and by the calls that are not API calls (the profile probe, the emulator's control plane).
 */
export function boundedExchange(
  implementation: Implementation,
  { deadlines, maxAnswerBytes }: SendLimits,
): (build: (signal: AbortSignal) => Request) => Promise<BoundedOutcome> {
  return async (build) => {
    const controller = new AbortController();
    // Outside the try: a request that cannot be built is the caller's misuse, not a transport failure.
    const request = build(controller.signal);
    const timer = createExchangeTimer(deadlines, () => {
      controller.abort();
    });
    timer.phase(deadlines.headersMs, WAITING_FOR_HEADERS);
    try {
      const responding = implementation(request);
      // Each promise that may lose the race gets a no-op handler, so its later rejection is not an unhandled one.
      responding.catch(() => undefined);
      const response = await Promise.race([responding, timer.expired]);
      if ('reason' in response) return response;
      const reading = readCapped(response, maxAnswerBytes, () => {
        timer.phase(deadlines.bodyIdleMs, WAITING_FOR_BODY);
      });
      reading.catch(() => undefined);
      const read = await Promise.race([reading, timer.expired]);
      if ('reason' in read) return read;
      return { response, ...read };
    } catch (error) {
      return { reason: describeFailure(error), timedOut: false };
    } finally {
      timer.stop();
      controller.abort();
    }
  };
}

/** Reads a body to its end or to `maxBytes`, calling `onProgress` before each wait for more. */
async function readCapped(
  response: Response,
  maxBytes: number,
  onProgress: () => void,
): Promise<{ bytes: Uint8Array; cutOff?: string }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (reader === undefined) return { bytes: new Uint8Array() };
  for (;;) {
    onProgress();
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      chunks.push(value);
      return { bytes: keptStart(chunks), cutOff: `the answer is larger than ${formatBytes(maxBytes)}` };
    }
    chunks.push(value);
  }
  return { bytes: concat(chunks, size) };
}

/** The first KEPT_ANSWER_BYTES of an answer that was cut off. */
export function keptStart(chunks: readonly Uint8Array[]): Uint8Array {
  const kept = new Uint8Array(KEPT_ANSWER_BYTES);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= kept.length) break;
    const part = chunk.subarray(0, kept.length - at);
    kept.set(part, at);
    at += part.byteLength;
  }
  return kept.subarray(0, at);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'the implementation failed without an Error';
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ECONNRESET, …) in `cause`: the reason is the news.
  const cause: unknown = error.cause;
  if (!(cause instanceof Error)) return error.message;
  return error.message === 'fetch failed' ? cause.message : `${error.message}: ${cause.message}`;
}
