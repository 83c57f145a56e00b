import { listen, type Listening } from '../http/listen.ts';
import { CONTROL_PREFIX } from '../control/controlPlane.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { DocRevision } from '../../generated/transitions.ts';
import { TbcError } from '../TbcError.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { readFlatParams } from '../wire/decodeParams.ts';
import { signatureVerifier, type CredentialStore } from '../signing/verifyRequest.ts';
import { readResponse } from '../client/readResponse.ts';
import { createRedactor, secretsOf } from '../wire/redact.ts';
import { forwardRequest, HOP_BY_HOP } from './forwardRequest.ts';
import { validateRequest, type RequestCheck } from '../wire/validateRequest.ts';
import { answerEarly } from '../http/answerEarly.ts';
import { createHttpServer } from '../http/createHttpServer.ts';
import { checkCertificates, resolveTls, type TlsOption } from '../http/resolveTls.ts';
import { SIZE_LIMITS } from '../wire/parseApiRequest.ts';
import { errorBody } from '../emulator/envelopeBody.ts';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from './upstreamTimeout.ts';

/** The largest request body the API accepts on any wire form (10 MB of JSON, reference §4.2); the proxy's cap too. */
const MAX_REQUEST_BYTES = SIZE_LIMITS.json;

export type ProxyCheck = RequestCheck | 'response.envelope';

/** One violation seen on live traffic: which exchange, which direction, and the sentence. */
export interface ProxyViolation {
  exchange: number;
  action: string | undefined;
  check: ProxyCheck;
  message: string;
}

export type ProxyEvent =
  ({ kind: 'violation' } & ProxyViolation) | { kind: 'upstream-error'; exchange: number; message: string };

export interface ProxyOptions {
  /** Where traffic goes: a real endpoint (https://batch.tencentcloudapi.com) or an emulator. */
  upstream: string;
  host?: string;
  port?: number;
  docRevision: DocRevision;
  /** With the SecretKey the proxy can verify signatures; without it, it cannot (the key never travels). */
  secretKey?: string;
  /** HTTPS on the listening side: `true` generates a certificate for loopback names; default plain HTTP. */
  tls?: TlsOption;
  /** The whole upstream exchange must be done within this (default DEFAULT_UPSTREAM_TIMEOUT_MS); then a 502. */
  upstreamTimeoutMs?: number;
  /** PEM of the CA(s) to trust for an https:// upstream, instead of Node's own and NODE_EXTRA_CA_CERTS. */
  upstreamCa?: string;
  /** Every violation and upstream failure, already redacted. */
  onEvent: (event: ProxyEvent) => void;
}

export type RunningProxy = Listening;

/**
 * `tbc proxy`: forwards each request unchanged to the upstream and its answer unchanged back, and checks both
 * directions against the spec on the side. Request: wire form, common parameters, Region per doc revision, body
 * schema and JSON types (and the signature when given the SecretKey). Response: HTTP 200, application/json, the
 * `Response` envelope, a UUID RequestId, a code documented for the action (readResponse).
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  let upstream: URL;
  try {
    upstream = new URL(options.upstream);
  } catch {
    throw new TbcError(`--upstream ${options.upstream} is not a URL (e.g. https://batch.tencentcloudapi.com)`);
  }
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') {
    throw new TbcError(`--upstream must be http:// or https://, not ${upstream.protocol}`);
  }
  const secretKey = options.secretKey;
  const timeoutMs = options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TbcError('the upstream timeout must be positive');
  if (options.upstreamCa !== undefined) checkCertificates(options.upstreamCa, 'the upstream CA');
  // Like curl's --cacert: the given CA replaces Node's own for this one upstream.
  const agent =
    options.upstreamCa === undefined || upstream.protocol !== 'https:'
      ? undefined
      : new HttpsAgent({ keepAlive: true, ca: options.upstreamCa });
  const tls = await resolveTls(options.tls);
  let exchangeCount = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange = ++exchangeCount;
    const body = await readBody(req);
    if (body === undefined) {
      // The same answer the API gives (reference §4.2), without bothering the upstream with a body it refuses.
      options.onEvent({
        kind: 'violation',
        exchange,
        action: undefined,
        check: 'request.wire-form',
        message: `the body is larger than ${MAX_REQUEST_BYTES / (1024 * 1024)} MB, the largest request the API accepts (reference §4.2); answered RequestSizeLimitExceeded without forwarding`,
      });
      answerEarly(req, {
        status: 200,
        contentType: 'application/json',
        body: errorBody('RequestSizeLimitExceeded', 'The request is too large.'),
      });
      return;
    }
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      url: originForm(req.url ?? '/'),
      headers: req.headers as Record<string, string | undefined>,
      body,
    };
    const redactor = createRedactor([secretKey, ...secretsOf(raw)]);
    const emit = (event: ProxyEvent): void => {
      options.onEvent(redactor.redactDeep(event));
    };
    const isApi = !raw.url.startsWith(CONTROL_PREFIX);

    let action: string | undefined;
    if (isApi) {
      // Why the sent token: the proxy cannot know the real one, so it takes the token as given and checks the signature.
      const findCredentials: CredentialStore | undefined =
        secretKey === undefined
          ? undefined
          : (secretId) => {
              const token = raw.headers['x-tc-token'] ?? readFlatParams(raw)['Token'];
              return { secretId, secretKey, ...(token === undefined ? {} : { token }) };
            };
      const validated = validateRequest(raw, {
        docRevision: options.docRevision,
        ...(findCredentials === undefined
          ? {}
          : { verifySignature: signatureVerifier({ findCredentials, nowSeconds: Math.floor(Date.now() / 1000) }) }),
      });
      action = validated.action;
      for (const problem of validated.problems) emit({ kind: 'violation', exchange, action, ...problem });
    }

    let answer: RawResponse;
    try {
      answer = await forwardRequest(upstream, raw, { timeoutMs, ...(agent === undefined ? {} : { agent }) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      emit({ kind: 'upstream-error', exchange, message });
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`tbc proxy: ${message}`);
      return;
    }
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    headers['content-length'] = String(Buffer.byteLength(answer.body));
    res.writeHead(answer.status, headers).end(answer.body);

    if (isApi) {
      const read = readResponse(action ?? '', answer.status, answer.headers['content-type'], decodeBody(answer));
      for (const { message } of read.breaks) {
        emit({ kind: 'violation', exchange, action, check: 'response.envelope', message });
      }
    }
  }

  const server = createHttpServer(tls, {}, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Our own bug, not the client's or the upstream's: answer something rather than hang the client. Only the
      // error's name is shown: its message might quote a header.
      const reason = error instanceof Error ? error.name : 'error';
      options.onEvent({ kind: 'upstream-error', exchange: exchangeCount, message: `tbc proxy failed (${reason})` });
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`tbc proxy failed (${reason})`);
    });
  });
  return listen(server, { host: options.host, port: options.port, ca: tls?.ca }).catch((error: unknown) => {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TbcError(`tbc proxy could not listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${reason}`);
  });
}

/** A forward-proxy request line carries an absolute URL (`POST http://batch.tencentcloudapi.com/`): keep its path. */
function originForm(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The whole body, or undefined once it is past MAX_REQUEST_BYTES (declared or counted): then nothing more is kept. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        chunks = [];
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size <= MAX_REQUEST_BYTES) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The body as text for validation; what the client receives stays the upstream's bytes, compressed or not. */
function decodeBody(answer: RawResponse): string {
  const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body);
  try {
    switch (answer.headers['content-encoding']?.trim().toLowerCase()) {
      case 'gzip':
        return gunzipSync(body).toString('utf8');
      case 'deflate':
        return inflateSync(body).toString('utf8');
      case 'br':
        return brotliDecompressSync(body).toString('utf8');
      default:
        return body.toString('utf8');
    }
  } catch {
    return body.toString('utf8');
  }
}
