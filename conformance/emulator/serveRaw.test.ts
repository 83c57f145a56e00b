// The emulator's node:http adapter keeps its answer to an oversize body (issue 18 item 4), over HTTP and HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createEmulator } from './createEmulator.ts';
import type { Listening } from '../http/listen.ts';
import { sendOversizeBodies } from '../test-only/sendOversizeBodies.ts';

describe('an 11 MB TerminateTaskInstance body sent with Node fetch', () => {
  let http: Listening;
  let https: Listening;
  let caFile: string;
  beforeAll(async () => {
    const emulator = createEmulator({ clock: 'virtual' });
    http = await emulator.listen();
    https = await emulator.listen({ tls: true });
    caFile = join(tmpdir(), `tbc-serveRaw-test-${process.pid}.pem`);
    await writeFile(caFile, https.ca ?? '');
  });
  afterAll(async () => {
    await http.close();
    await https.close();
    await rm(caFile, { force: true });
  });

  it('gets the RequestSizeLimitExceeded envelope 20 times out of 20 (Content-Length past the limit)', async () => {
    expect(await sendOversizeBodies(http.url, { times: 20 })).toEqual({ enveloped: 20, failures: [] });
  });

  it('gets the envelope when the body is chunked, so only counting finds it too large', async () => {
    expect(await sendOversizeBodies(http.url, { times: 5, chunked: true })).toEqual({ enveloped: 5, failures: [] });
  });

  it('gets the envelope over HTTPS too (a TLS close is no gentler than a TCP one)', async () => {
    expect(await sendOversizeBodies(https.url, { times: 5, caFile })).toEqual({ enveloped: 5, failures: [] });
  });
});
