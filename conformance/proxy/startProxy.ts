import { listen, type Listening } from '../http/listen.ts';
import { CONTROL_PREFIX } from '../control/controlPlane.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { DocRevision } from '../../generated/transitions.ts';
import { TbcError } from '../TbcError.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { readFlatParams } from '../wire/decodeParams.ts';
import type { CredentialStore } from '../signing/verifyRequest.ts';
import { readResponse } from '../client/readResponse.ts';
import { createRedactor, secretsOf } from '../wire/redact.ts';
import { forwardRequest, HOP_BY_HOP } from './forwardRequest.ts';
import { validateRequest, type RequestCheck } from '../wire/validateRequest.ts';

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
  let exchangeCount = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange = ++exchangeCount;
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      url: originForm(req.url ?? '/'),
      headers: req.headers as Record<string, string | undefined>,
      body: await readBody(req),
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
        nowSeconds: Math.floor(Date.now() / 1000),
        ...(findCredentials === undefined ? {} : { findCredentials }),
      });
      action = validated.action;
      for (const problem of validated.problems) emit({ kind: 'violation', exchange, action, ...problem });
    }

    let answer: RawResponse;
    try {
      answer = await forwardRequest(upstream, raw);
    } catch (error) {
      const message = `no answer from ${upstream.origin}: ${error instanceof Error ? error.message : String(error)}`;
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Our own bug, not the client's or the upstream's: answer something rather than hang the client. Only the
      // error's name is shown: its message might quote a header.
      const reason = error instanceof Error ? error.name : 'error';
      options.onEvent({ kind: 'upstream-error', exchange: exchangeCount, message: `tbc proxy failed (${reason})` });
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`tbc proxy failed (${reason})`);
    });
  });
  return listen(server, options).catch((error: unknown) => {
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
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
