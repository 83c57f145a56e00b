// Scenario-test support: bytes on the wire, for requests no well-behaved client would send.
import { request } from 'node:http';
import { connect } from 'node:net';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { DEFAULT_REGION } from '../../generated/regions.ts';
import { signTc3 } from '../signing/signTc3.ts';

export type RawAnswer =
  | { closed: false; status: number; headers: Record<string, string | string[] | undefined>; body: string }
  | { closed: true };

export function sendRaw(
  url: string,
  options: { method: string; path?: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = request(
      `${url}${options.path ?? '/'}`,
      { method: options.method, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            closed: false,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', () => {
          resolve({ closed: true });
        });
      },
    );
    req.on('error', () => {
      resolve({ closed: true });
    });
    req.end(options.body);
  });
}

/**
 * Writes raw bytes to the port and collects whatever comes back until the server closes. With `end: false` the
 * client never finishes its side, so only the server can end the exchange (a request cut short stays pending).
 */
export function sendBytes(url: string, bytes: string, options: { end?: boolean } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      if (options.end === false) socket.write(bytes);
      else socket.end(bytes);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** TC3 headers for a JSON POST, signed over exactly `body` (which may be anything, even invalid JSON). */
export function signedJsonHeaders(
  url: string,
  body: Buffer | string,
  overrides: { action?: string; timestamp?: number; contentType?: string } = {},
): Record<string, string> {
  const host = new URL(url).host;
  const timestamp = overrides.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType = overrides.contentType ?? 'application/json';
  const { authorization } = signTc3({
    method: 'POST',
    host,
    canonicalQueryString: '',
    contentType,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    timestamp,
    service: 'batch',
    secretId: EXAMPLE_CREDENTIALS.secretId,
    secretKey: EXAMPLE_CREDENTIALS.secretKey,
  });
  return {
    host,
    'content-type': contentType,
    authorization,
    'x-tc-action': overrides.action ?? 'TerminateTaskInstance',
    'x-tc-version': '2017-03-12',
    'x-tc-timestamp': String(timestamp),
    'x-tc-region': DEFAULT_REGION,
  };
}

/** The error code of an answer, or what else came back. */
export function codeOf(answer: RawAnswer): string {
  if (answer.closed) return '(closed)';
  try {
    const parsed = JSON.parse(answer.body) as { Response?: { Error?: { Code?: string }; RequestId?: string } };
    return parsed.Response?.Error?.Code ?? (parsed.Response?.RequestId === undefined ? '(no envelope)' : 'Success');
  } catch {
    return `(HTTP ${answer.status}, not JSON)`;
  }
}
