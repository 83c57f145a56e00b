// The stateless mock: Prism serving the examples of spec/TerminateTaskInstance.yaml. For behaviour (states, clocks,
// signatures) use the emulator; the mock only answers with the documented examples.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TbcError } from '../TbcError.ts';
import { PACKAGE_ROOT } from '../packageManifest.ts';
import { findPrismBin, prismInstallHint } from './findPrismBin.ts';
import { resolveTls, type TlsOption } from '../http/resolveTls.ts';
import { startTlsFront } from '../http/startTlsFront.ts';
import type { Listening } from '../http/listen.ts';

/** The document the mock serves, shipped with the package so the mock works from any working directory. */
export const MOCK_DOCUMENT = join(PACKAGE_ROOT, 'spec', 'TerminateTaskInstance.yaml');

/** Prism prints this once its HTTP server is bound; the URL it names carries the real port (also for port 0). */
const READY_LINE = /Prism is listening on (http:\/\/\S+)/;
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
/** How much of Prism's output to keep for the message when it fails to start. */
const KEPT_LINES = 20;

export interface MockOptions {
  /** 0 or omitted: Prism binds a free port, and `url` names it. */
  port?: number;
  /** Default 127.0.0.1: the mock checks no signature, so it should not listen beyond this machine. */
  host?: string;
  /** Prism's log lines after it is ready (one request log per call). Omitted: discarded. */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
  /**
   * HTTPS: `true` with a certificate generated for 127.0.0.1, ::1 and localhost, or your own. Prism itself speaks
   * only HTTP, so it then listens on a private loopback port behind a TLS front on `host:port` (startTlsFront).
   */
  tls?: TlsOption;
}

export interface MockExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the exit followed stop(); false when Prism ended on its own. */
  stopped: boolean;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4010` (`https://` with `tls`); an SDK endpoint is this without the scheme. */
  url: string;
  /** With `tls`: PEM of the certificate a client trusts. */
  ca?: string;
  /** Sends `signal` (default SIGTERM) to Prism, SIGKILL after a grace period, and resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<MockExit>;
  /** Resolves when Prism has exited and its output is read, whatever the reason. */
  exited: Promise<MockExit>;
}

/**
 * Starts `prism mock` on spec/TerminateTaskInstance.yaml and resolves once it listens. Rejects with a TbcError that
 * quotes Prism's own message when it cannot start (port in use, bad host, missing install).
 */
export async function startMock(options: MockOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TbcError(`mock: port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const prismBin = findPrismBin();
  if (prismBin === undefined) throw new TbcError(`mock: Prism is not installed; ${prismInstallHint()}`);
  const tls = await resolveTls(options.tls);
  // Behind a TLS front Prism is reached only through it: loopback, a free port.
  const prismHost = tls === undefined ? host : '127.0.0.1';
  const prismPort = tls === undefined ? port : 0;

  // Why process.execPath: Prism's bin is a JS file, so running it with our own Node keeps the version the kit was
  // tested with, whatever `node` is first on PATH.
  const child = spawn(process.execPath, [prismBin, 'mock', '-h', prismHost, '-p', String(prismPort), MOCK_DOCUMENT], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stopRequested = false;
  const exited = new Promise<MockExit>((resolveExit) => {
    child.once('close', (code, signal) => {
      resolveExit({ code, signal, stopped: stopRequested });
    });
  });
  // Why: a caller that forgets stop() (or a test run that ends early) must not leave Prism holding the port.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const recent: string[] = [];
  const recentErrors: string[] = [];
  let ready = false;
  let onReady: (url: string) => void = () => undefined;
  const readyUrl = new Promise<string>((resolveUrl) => {
    onReady = resolveUrl;
  });
  const takeLines = (stream: NodeJS.ReadableStream, kept: string[][]): void => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.trimEnd();
        if (line === '') continue;
        if (ready) {
          options.onLog?.(line);
          continue;
        }
        for (const list of kept) {
          list.push(line);
          if (list.length > KEPT_LINES) list.shift();
        }
        const match = READY_LINE.exec(line);
        if (match?.[1] !== undefined) {
          ready = true;
          onReady(match[1]);
        }
      }
    });
  };
  takeLines(child.stdout, [recent]);
  takeLines(child.stderr, [recent, recentErrors]);

  let front: Listening | undefined;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<MockExit> => {
    stopRequested = true;
    await front?.close();
    // A Prism that never spawned (see spawnFailed) has nothing to stop and will never report an exit.
    if (child.pid === undefined) return { code: null, signal: null, stopped: true };
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (error) => {
      reject(new TbcError(`mock: could not run Prism (${prismBin}): ${error.message}`));
    });
  });
  const exitedEarly = exited.then((exit): never => {
    throw new TbcError(
      `mock: Prism could not start on ${host}:${port} (exit ${String(exit.code ?? exit.signal)}): ` +
        describeFailure(recentErrors, recent),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    const ms = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    timer = setTimeout(() => {
      reject(
        new TbcError(`mock: Prism did not report ready within ${ms} ms: ${describeFailure(recentErrors, recent)}`),
      );
    }, ms);
  });
  try {
    const url = await Promise.race([readyUrl, spawnFailed, exitedEarly, timedOut]);
    if (tls === undefined) return { url, stop, exited };
    const prism = new URL(url);
    front = await startTlsFront(tls, { host: prism.hostname, port: Number(prism.port) }, { host, port }).catch(
      (error: unknown) => {
        throw new TbcError(
          `mock: cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      },
    );
    return { url: front.url, ca: tls.ca, stop, exited };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
    // The losers of the race reject later (exitedEarly at every exit); they are handled here, not unhandled.
    exitedEarly.catch(() => undefined);
    spawnFailed.catch(() => undefined);
    timedOut.catch(() => undefined);
  }
}

/**
 * Prism prints its usage text to stderr and then the real cause (e.g. `listen EADDRINUSE: address already in use`),
 * while stdout only says `fatal`; so the last stderr line explains the failure.
 */
function describeFailure(errors: readonly string[], all: readonly string[]): string {
  return errors.at(-1) ?? all.at(-1) ?? 'no output';
}
