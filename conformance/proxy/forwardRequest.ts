import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';

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
 * Sends a request to the upstream origin byte for byte: same method, path, body and headers, the `Host` header
 * included. Why keep Host: the signature covers it (TC3 signs the hostname, v1 the host with its port, reference
 * §5.2), so a proxy that rewrote it would break every signature. Rejects only when no HTTP answer came.
 */
export function forwardRequest(upstream: URL, raw: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['content-length'] = String(raw.body.length);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = upstream.pathname.replace(/\/$/, '');
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: raw.method,
        path: `${basePath}${raw.url}`,
        headers,
        // TLS must name the real server even though Host names what the client signed.
        servername: upstream.hostname,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          resolve({
            status: incoming.statusCode ?? 502,
            headers: flattenHeaders(incoming.headers),
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
