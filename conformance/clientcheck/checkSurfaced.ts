import { ERROR_CODES } from '../../generated/errorCodes.ts';
import type { RawResponse } from '../wire/RawExchange.ts';
import type { Surfaced } from './inspectSurfaced.ts';

/** What the client should surface, read from the last answer it got on the wire (or from the scenario, for timeouts). */
export type Expected =
  | { kind: 'success'; requestId: string }
  | { kind: 'api-error'; code: string; requestId: string }
  | { kind: 'transport'; reason: string }
  | { kind: 'no-request' };

/**
 * Reads an answer the way the reference says clients must (§4.4): HTTP 200 JSON `Response`; an error "if and only if
 * `Response.Error` is present". Anything else leaves the client without an API answer: a transport failure.
 */
export function expectFromResponse(response: RawResponse): Expected {
  if (response.status !== 200) return { kind: 'transport', reason: `an HTTP ${response.status} answer` };
  let body: unknown;
  try {
    body = JSON.parse(String(response.body));
  } catch {
    return { kind: 'transport', reason: 'an HTTP 200 answer whose body is not JSON' };
  }
  const envelope = (body as { Response?: { RequestId?: unknown; Error?: { Code?: unknown } } } | null)?.Response;
  if (typeof envelope !== 'object') return { kind: 'transport', reason: 'an answer without a Response object' };
  const requestId = typeof envelope.RequestId === 'string' ? envelope.RequestId : '';
  const code = envelope.Error?.Code;
  return typeof code === 'string' ? { kind: 'api-error', code, requestId } : { kind: 'success', requestId };
}

const DOCUMENTED: ReadonlySet<string> = new Set(Object.keys(ERROR_CODES));

/**
 * Whether the client told its caller what happened: an API error as an error carrying the documented code and the
 * response's RequestId; a success as a result; a transport failure as an error that neither looks like success nor
 * carries a made-up API code. Returns one sentence per problem.
 */
export function checkSurfaced(expected: Expected, surfaced: Surfaced, timeoutMs: number): string[] {
  if (surfaced.outcome === 'hung') {
    return [`the client did not settle within ${surfaced.durationMs} ms although it was given timeoutMs ${timeoutMs}`];
  }
  const returned = surfaced.outcome === 'returned';
  switch (expected.kind) {
    case 'no-request':
      return [`no request reached the emulator, yet the client ${returned ? 'returned' : 'threw'} ${surfaced.type}`];
    case 'success': {
      if (!returned) {
        return [
          `threw ${surfaced.type}${surfaced.message === undefined ? '' : ` ("${surfaced.message}")`} although the response was a success (RequestId ${expected.requestId})`,
        ];
      }
      const found = surfaced.requestId;
      return found !== undefined && found.value !== expected.requestId
        ? [`returned ${found.at}=${JSON.stringify(found.value)}; the response's RequestId was ${expected.requestId}`]
        : [];
    }
    case 'api-error': {
      if (returned) {
        return [
          `swallowed the error: the response was ${expected.code} (RequestId ${expected.requestId}), but the client returned ${surfaced.preview ?? surfaced.type} as if the call succeeded`,
        ];
      }
      const problems: string[] = [];
      const code = surfaced.code;
      if (code === undefined) {
        problems.push(
          `threw ${surfaced.type} without the error code ${expected.code}: no code/Code/errorCode property on it (own properties: ${surfaced.properties.join(', ') || 'none'})`,
        );
      } else if (code.value !== expected.code) {
        problems.push(`threw ${code.at}=${JSON.stringify(code.value)}; the response's code was ${expected.code}`);
      }
      const requestId = surfaced.requestId;
      if (requestId === undefined) {
        problems.push(
          `threw ${surfaced.type} without the response's RequestId ${expected.requestId}: no requestId/RequestId property on it`,
        );
      } else if (requestId.value !== expected.requestId) {
        problems.push(
          `threw ${requestId.at}=${JSON.stringify(requestId.value)}; the response's RequestId was ${expected.requestId}`,
        );
      }
      return problems;
    }
    case 'transport': {
      if (returned) {
        return [
          `returned ${surfaced.preview ?? surfaced.type} for ${expected.reason}: a transport failure must surface as an error, not as success`,
        ];
      }
      const code = surfaced.code;
      return code !== undefined && typeof code.value === 'string' && DOCUMENTED.has(code.value)
        ? [
            `threw ${code.at}=${JSON.stringify(code.value)}, a documented API error code, for ${expected.reason}: no API answer came, so that code is made up`,
          ]
        : [];
    }
  }
}
