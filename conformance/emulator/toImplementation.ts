import type { Implementation } from '../Implementation.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';

/** The Fetch form of a core handler, for in-process use: tests and the runner call the emulator without a socket. */
export function toImplementation(handle: (request: RawRequest) => Promise<RawResponse>): Implementation {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // Fetch does not put Host among a Request's headers; a server would have received it.
    headers['host'] ??= url.host;
    const body = Buffer.from(await request.arrayBuffer());
    const raw = await handle({ method: request.method, url: url.pathname + url.search, headers, body });
    return new Response(raw.body, { status: raw.status, headers: raw.headers });
  };
}
