import type { RawRequest } from '../wire/RawExchange.ts';
import type { Implementation } from '../Implementation.ts';

export type Answer = (request: RawRequest, index: number) => Response | Promise<Response>;

export interface RecordingDouble {
  implementation: Implementation;
  /** Every request received, as plain data (header names lowercased, `host` from the URL as on the wire). */
  requests: RawRequest[];
}

/** Test support: an Implementation that records each request and answers with `answer` (no module mocking). */
export function createRecordingDouble(answer: Answer): RecordingDouble {
  const requests: RawRequest[] = [];
  const implementation: Implementation = async (request) => {
    const raw = await toRawRequest(request);
    requests.push(raw);
    return answer(raw, requests.length - 1);
  };
  return { implementation, requests };
}

export async function toRawRequest(request: Request): Promise<RawRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of request.headers) headers[name] = value;
  return {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers,
    body: Buffer.from(await request.arrayBuffer()),
  };
}

/** A JSON answer the way the API sends every answer: HTTP 200, `Content-Type: application/json` (reference §4.4). */
export function jsonAnswer(body: unknown, init: { status?: number; contentType?: string } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': init.contentType ?? 'application/json' },
  });
}
