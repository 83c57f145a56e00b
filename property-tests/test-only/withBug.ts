// Test support: deliberately broken implementations, made by wrapping a correct one. Nothing is mocked: each bug is
// an Implementation value that a ApiClient talks to, exactly like a live endpoint or the emulator.
import type { Implementation } from '../../conformance/Implementation.ts';

export interface ApiCall {
  /** `X-TC-Action` of a TC3 request; undefined for other wire forms and for control-plane calls. */
  action: string | undefined;
  /** The JSON body of a TC3 POST, when it parses. */
  params: Record<string, unknown> | undefined;
  path: string;
  request: Request;
}

export type Bug = (call: ApiCall, forward: () => Promise<Response>) => Promise<Response>;

export function withBug(base: Implementation, bug: Bug): Implementation {
  return async (request) => {
    const copy = request.clone();
    const text = request.method === 'POST' ? await copy.text() : '';
    let params: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = text === '' ? undefined : JSON.parse(text);
      params = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      params = undefined;
    }
    const path = new URL(request.url).pathname;
    const action = path === '/' ? (request.headers.get('x-tc-action') ?? undefined) : undefined;
    return bug({ action, params, path, request }, () => base(request));
  };
}

/** The `Response` object of an API answer. */
export async function envelopeOf(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.clone().json()) as { Response: Record<string, unknown> };
  return body.Response;
}

export function answer(envelope: Record<string, unknown>, status = 200): Response {
  return new Response(JSON.stringify({ Response: envelope }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function errorAnswer(code: string, requestId = crypto.randomUUID()): Response {
  return answer({ Error: { Code: code, Message: `broken double: ${code}` }, RequestId: requestId });
}

/** Renames one error code in every answer. */
export function renameCode(from: string, to: string): Bug {
  return async (_call, forward) => {
    const response = await forward();
    if (response.headers.get('content-type') !== 'application/json') return response;
    const envelope = await envelopeOf(response).catch(() => undefined);
    const error = envelope?.['Error'] as { Code?: string } | undefined;
    if (envelope === undefined || error?.Code !== from) return response;
    return answer({ ...envelope, Error: { ...error, Code: to } });
  };
}
