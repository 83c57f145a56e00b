// autocannon, run from the benchmark process, with latencies recorded at sub-millisecond resolution.
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

/** The part of autocannon 8's API used here (the package ships no types). */
interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  verifyBody: (body: string) => boolean;
  setupClient: (client: EventEmitter) => void;
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number } | undefined>;
  requests: { average: number; total: number; sent: number };
}

type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => void;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  connections: number;
  pipelining: number;
  durationSeconds: number;
}

export interface LoadResult {
  rps: number;
  total: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with a status other than 200. */
  non200: number;
  /** 200 answers that are not a success envelope (an error envelope, or not our JSON at all). */
  notSuccess: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** One body that failed the success check, to show what came back. */
  sampleFailure: string | undefined;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Sends `request` to `url` for `durationSeconds` and checks every answer is HTTP 200 with a success envelope. */
export function runLoad(
  url: string,
  request: { headers: Record<string, string>; body: string },
  isSuccess: (body: string) => boolean,
  options: LoadOptions,
): Promise<LoadResult> {
  // Why our own latency record: autocannon's histogram keeps whole milliseconds, too coarse for sub-ms answers.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let sampleFailure: string | undefined;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: options.connections,
        pipelining: options.pipelining,
        duration: options.durationSeconds,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        verifyBody: (body) => {
          if (isSuccess(body)) return true;
          sampleFailure ??= body;
          return false;
        },
        setupClient: (client) => {
          client.on('response', (_status: number, _bytes: number, durationMs: number) => {
            if (count === latencies.length) {
              const bigger = new Float64Array(latencies.length * 2);
              bigger.set(latencies);
              latencies = bigger;
            }
            latencies[count++] = durationMs;
          });
        },
      },
      (error, result) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const sorted = latencies.subarray(0, count).sort();
        const ok = result.statusCodeStats['200']?.count ?? 0;
        const answered = Object.values(result.statusCodeStats).reduce((sum, s) => sum + (s?.count ?? 0), 0);
        resolve({
          rps: result.requests.average,
          total: result.requests.total,
          seconds: result.duration,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          non200: answered - ok,
          notSuccess: result.mismatches,
          errors: result.errors,
          sampleFailure,
        });
      },
    );
  });
}
