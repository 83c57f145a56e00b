import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { Implementation } from '../Implementation.ts';

/** Statuses whose Response must have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** OpenSSL's and Node's codes for a certificate the client does not trust or that does not name the server. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface HttpImplementationOptions {
  /** PEM of the CA(s) to trust for https:// targets instead of Node's own, like curl's `--cacert`. */
  ca?: string;
}

/**
 * An Implementation over node:http(s): a Fetch Request in, a Fetch Response out (its body streamed). Why not `fetch`:
 * Node's fetch takes no CA of its own (only NODE_EXTRA_CA_CERTS, read when the process starts), and the kit's probe
 * and control calls must trust the `--ca` the run was given, as its API calls do (createHttpSender). Honours the
 * Request's signal. Rejects like fetch, a TypeError whose `cause` is the reason; a certificate the client does not
 * trust is named as such, with the way to trust it.
 */
export function createHttpImplementation(options: HttpImplementationOptions = {}): Implementation {
  const httpsAgent = new HttpsAgent({ keepAlive: true, ...(options.ca === undefined ? {} : { ca: options.ca }) });
  const httpAgent = new HttpAgent({ keepAlive: true });
  return async (request) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    return new Promise<Response>((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          agent: secure ? httpsAgent : httpAgent,
          signal: request.signal,
        },
        (incoming) => {
          try {
            resolve(toResponse(incoming));
          } catch (error) {
            // A status Fetch cannot carry (below 200, above 599).
            incoming.destroy();
            reject(new TypeError('fetch failed', { cause: error }));
          }
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        reject(new TypeError('fetch failed', { cause: describe(error) }));
      });
      outgoing.end(body);
    });
  };
}

function toResponse(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const status = incoming.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers });
}

function describe(error: NodeJS.ErrnoException): Error {
  if (error.code === undefined || !CERTIFICATE_CODES.has(error.code)) return error;
  return new Error(
    `its TLS certificate is not trusted: ${error.message} (${error.code}); give the CA that issued it with --ca FILE or NODE_EXTRA_CA_CERTS`,
    { cause: error },
  );
}
