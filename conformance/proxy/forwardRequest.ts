import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { SIZE_LIMITS } from '../wire/parseApiRequest.ts';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded by a proxy. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The largest upstream answer the proxy buffers. Why the API's largest request size (10 MB, reference §4.2): no
 * response size is documented, every Batch answer is a small JSON envelope, and the request limit is the one bound
 * the API gives for a message; an answer past it is cut off instead of filling the proxy's memory.
 */
export const MAX_UPSTREAM_ANSWER_BYTES = SIZE_LIMITS.json;

export interface ForwardOptions {
  /** The whole exchange (connect, headers, body) must be done within this; then the upstream is dropped. */
  timeoutMs: number;
  /** For an https:// upstream whose CA is not among Node's (e.g. `tbc emulator --tls`). */
  agent?: Agent;
}

/**
 * Sends a request to the upstream origin byte for byte: same method, path, body and headers, the `Host` header
 * included. Why keep Host: the signature covers it (TC3 signs the hostname, v1 the host with its port, reference
 * §5.2), so a proxy that rewrote it would break every signature. Rejects, with a sentence naming the upstream, when
 * no complete answer came: no connection, no complete answer within `timeoutMs`, or an answer past
 * MAX_UPSTREAM_ANSWER_BYTES.
 */
export function forwardRequest(upstream: URL, raw: RawRequest, options: ForwardOptions): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['content-length'] = String(raw.body.length);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = upstream.pathname.replace(/\/$/, '');
  return new Promise((resolve, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      outgoing.destroy();
      reject(new Error(message));
    };
    const outgoing = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: raw.method,
        path: `${basePath}${raw.url}`,
        headers,
        // TLS must name the real server even though Host names what the client signed (SNI takes names, not IPs).
        ...(isIP(upstream.hostname.replace(/^\[|\]$/g, '')) === 0 ? { servername: upstream.hostname } : {}),
        ...(options.agent === undefined ? {} : { agent: options.agent }),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_UPSTREAM_ANSWER_BYTES) {
            fail(`the answer from ${upstream.origin} is larger than ${megabytes(MAX_UPSTREAM_ANSWER_BYTES)}; cut off`);
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', (error) => {
          fail(`no answer from ${upstream.origin}: ${error.message}`);
        });
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: incoming.statusCode ?? 502,
            headers: flattenHeaders(incoming.headers),
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    const timer = setTimeout(() => {
      fail(`no complete answer from ${upstream.origin} within ${options.timeoutMs / 1000} s (--upstream-timeout)`);
    }, options.timeoutMs);
    outgoing.on('error', (error) => {
      fail(`no answer from ${upstream.origin}: ${error.message}`);
    });
    outgoing.end(raw.body);
  });
}

function megabytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
