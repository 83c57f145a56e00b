// Part 4: tenants. Memory after creating many tenants with one job each, after resetting them all and after deleting
// them; what creating, resetting, checkpointing and restoring a tenant costs; handle()'s rate for one tenant among
// many against an emulator with none; and bad input on the control plane, which must change no tenant. In-process.
import { createEmulator, type Emulator } from '../../conformance/emulator/createEmulator.ts';
import type { TenantCreated } from '../../conformance/control/controlPlane.ts';
import type { Logger } from '../../conformance/logger.ts';
import type { RawRequest } from '../../conformance/wire/RawExchange.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import type { Credentials } from '../../conformance/signing/Credentials.ts';
import { callApi, controlOf } from './inProcess.ts';
import {
  bodyText,
  isSuccessBody,
  SETTLE_SECONDS,
  signRequest,
  SMALL_JOB,
  terminateParams,
  toRaw,
} from './benchRequests.ts';

export interface TenantBenchOptions {
  tenants: number;
  /** handle() calls per rate reading. */
  requests: number;
  rounds: number;
  concurrency: number;
}

const MB = 1024 * 1024;

type BenchTenant = Pick<TenantCreated, 'id' | 'credentials'>;

interface Reading {
  heapUsed: number;
  rss: number;
}

function readMemory(gc: () => void): Reading {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

const mb = (r: Reading): string => `heapUsed ${(r.heapUsed / MB).toFixed(2)} MB, rss ${(r.rss / MB).toFixed(2)} MB`;

/**
 * Wall and CPU time of `run`. Why CPU too: on a shared machine other processes stretch the wall time, while the
 * process's own CPU time stays what the work costs.
 */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** A settled one-job world for `credentials` (default: the default tenant), and the request that terminates it. */
async function settledRequest(emulator: Emulator, tenant?: string, credentials?: Credentials): Promise<RawRequest> {
  const { JobId } = (await callApi(emulator, 'SubmitJob', SMALL_JOB, credentials)) as { JobId: string };
  await controlOf(emulator, tenant).advanceBy(SETTLE_SECONDS);
  return toRaw(
    signRequest('TerminateTaskInstance', terminateParams(JobId), Math.floor(Date.now() / 1000), credentials),
  );
}

/**
 * handle() answers per wall second, and CPU µs per answer, for one request sent `requests` times by `concurrency`
 * awaits; throws on a failure.
 */
async function rateOf(
  emulator: Emulator,
  raw: RawRequest,
  options: TenantBenchOptions,
): Promise<{ perSecond: number; cpuUs: number }> {
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < options.requests) {
      sent++;
      const response = await emulator.handle(raw);
      if (!isSuccessBody(bodyText(response))) throw new TbcError(`not Success: ${bodyText(response).slice(0, 200)}`);
    }
  };
  const { ms, cpuMs } = await timed(() => Promise.all(Array.from({ length: options.concurrency }, worker)));
  return { perSecond: (sent / ms) * 1000, cpuUs: (cpuMs / sent) * 1000 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function measureTenants(options: TenantBenchOptions, log: Logger): Promise<{ ok: boolean }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    throw new TbcError(
      'the tenants part needs a forced GC: run with `node --expose-gc --import tsx scripts/bench-emulator.ts`',
    );
  }
  const n = options.tenants;
  // Rate limits off, as in the memory part: the point is the emulator's own cost, not RequestLimitExceeded.
  const emulator = createEmulator({ clock: 'virtual', seed: 1, rateLimits: false });
  const control = controlOf(emulator);
  // Why a warm-up: the first few thousand calls grow V8's young generation and the allocator's pools, which then
  // stay. The same calls on the default tenant alone, so "before" is an emulator in use, not a cold process.
  for (let i = 0; i < n; i++) {
    await callApi(emulator, 'SubmitJob', SMALL_JOB);
    await control.reset();
  }
  const before = readMemory(gc);

  const created = await timed(async () => {
    const all: BenchTenant[] = [];
    // Only the id and key pair are kept: the rest of the answer is the bench's memory, not the emulator's.
    for (let i = 0; i < n; i++) {
      const { id, credentials } = await control.createTenant({ id: `bench-${i}` });
      all.push({ id, credentials });
    }
    return all;
  });
  const tenants = created.value;
  const submitted = await timed(async () => {
    for (const t of tenants) await callApi(emulator, 'SubmitJob', SMALL_JOB, t.credentials);
  });
  const loaded = readMemory(gc);
  const reset = await timed(async () => {
    for (const t of tenants) await controlOf(emulator, t.id).reset();
  });
  const afterReset = readMemory(gc);
  log.info(
    `${n} tenants created in ${created.ms.toFixed(0)} ms (${perCall(created, n)} each, typed client in process), ` +
      `one SubmitJob each in ${submitted.ms.toFixed(0)} ms, all reset in ${reset.ms.toFixed(0)} ms ` +
      `(${perCall(reset, n)} each)`,
  );
  log.info(`before any tenant:          ${mb(before)}`);
  log.info(`${n} tenants, one job each: ${mb(loaded)} (${kbPer(loaded, before, n)} KB heap per tenant)`);
  log.info(`after resetting them all:   ${mb(afterReset)} (${kbPer(afterReset, before, n)} KB heap per empty tenant)`);
  const within = (ratio: number): string => (Math.abs(ratio - 1) <= 0.1 ? 'met' : 'MISSED');
  const rssRatio = afterReset.rss / before.rss;
  log.info(
    `after reset / before: rss ${rssRatio.toFixed(3)} (goal within 10 %: ${within(rssRatio)}), ` +
      `heapUsed ${(afterReset.heapUsed / before.heapUsed).toFixed(3)}`,
  );

  await measureOperations(emulator, n, log);

  // The hot path: one tenant among n + 1 against an emulator with the default tenant alone, the same request shape.
  const middle = tenants[Math.floor(n / 2)];
  if (middle === undefined) throw new TbcError('--tenants must be at least 1');
  const aloneEmulator = createEmulator({ clock: 'virtual', seed: 1, rateLimits: false });
  const aloneRaw = await settledRequest(aloneEmulator);
  const manyRaw = await settledRequest(emulator, middle.id, middle.credentials);
  type Rate = Awaited<ReturnType<typeof rateOf>>;
  const rates: { alone: Rate; many: Rate }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternating which goes first, so neither always runs on a machine the other has just warmed (or loaded).
    if (round % 2 === 0) {
      const alone = await rateOf(aloneEmulator, aloneRaw, options);
      rates.push({ alone, many: await rateOf(emulator, manyRaw, options) });
    } else {
      const many = await rateOf(emulator, manyRaw, options);
      rates.push({ alone: await rateOf(aloneEmulator, aloneRaw, options), many });
    }
  }
  log.info(
    `handle() x ${options.requests} per reading, ${options.concurrency} concurrent awaits, TerminateTaskInstance ` +
      `answered Success; the default tenant alone vs tenant ${middle.id} of ${n + 1}, per round:`,
  );
  log.info(
    `  req/s ${rates.map((r) => `${r.alone.perSecond.toFixed(0)} vs ${r.many.perSecond.toFixed(0)}`).join('; ')}`,
  );
  log.info(
    `  CPU µs per answer ${rates.map((r) => `${r.alone.cpuUs.toFixed(2)} vs ${r.many.cpuUs.toFixed(2)}`).join('; ')}`,
  );
  log.info(
    `  medians: ${median(rates.map((r) => r.alone.cpuUs)).toFixed(2)} vs ${median(rates.map((r) => r.many.cpuUs)).toFixed(2)} ` +
      `CPU µs, ratio ${median(rates.map((r) => r.many.cpuUs / r.alone.cpuUs)).toFixed(3)}`,
  );

  const badInputOk = await checkBadInput(emulator, tenants, log);
  for (const t of tenants) await control.deleteTenant(t.id);
  log.info(`after deleting them all:    ${mb(readMemory(gc))}`);
  return { ok: badInputOk };
}

/** One control call through the core handler (no Fetch Request or Response); throws unless it answers 200. */
async function controlCall(emulator: Emulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const raw = { method, url: `/_emulator/${path}`, headers: {}, body: Buffer.from(JSON.stringify(body ?? {})) };
  const response = await emulator.handle(raw);
  if (response.status !== 200) throw new TbcError(`${method} ${path}: HTTP ${response.status} ${bodyText(response)}`);
  return JSON.parse(bodyText(response));
}

/**
 * What each tenant operation costs the emulator, through the core handler as node:http calls it (the typed client in
 * process adds a Fetch Request and Response per call): create, then checkpoint and restore a one-job world, reset,
 * delete. On `count` tenants of their own, beside the ones already there.
 */
async function measureOperations(emulator: Emulator, count: number, log: Logger): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => `op-${i}`);
  const create = await timed(async () => {
    const made: BenchTenant[] = [];
    for (const id of ids) made.push((await controlCall(emulator, 'POST', 'tenants', { id })) as BenchTenant);
    return made;
  });
  for (const t of create.value) await callApi(emulator, 'SubmitJob', SMALL_JOB, t.credentials);
  const checkpoint = await timed(async () => {
    const saved: string[] = [];
    for (const id of ids) {
      const answer = (await controlCall(emulator, 'POST', `tenants/${id}/checkpoints`)) as { checkpoint: string };
      saved.push(answer.checkpoint);
    }
    return saved;
  });
  const restore = await timed(async () => {
    for (const [i, id] of ids.entries()) {
      await controlCall(emulator, 'POST', `tenants/${id}/restore`, { checkpoint: checkpoint.value[i] });
    }
  });
  const reset = await timed(async () => {
    for (const id of ids) await controlCall(emulator, 'POST', `tenants/${id}/reset`);
  });
  const remove = await timed(async () => {
    for (const id of ids) await controlCall(emulator, 'DELETE', `tenants/${id}`);
  });
  for (const id of checkpoint.value) await controlCall(emulator, 'DELETE', `checkpoints/${id}`);
  log.info(
    `per tenant through handle(): create ${perCall(create, count)}, checkpoint ${perCall(checkpoint, count)} ` +
      `and restore ${perCall(restore, count)} (one job), reset ${perCall(reset, count)}, ` +
      `delete ${perCall(remove, count)}`,
  );
}

/** Per call, in µs of CPU (and of wall time, which a busy machine stretches). */
const perCall = (t: { ms: number; cpuMs: number }, n: number): string =>
  `${((t.cpuMs / n) * 1000).toFixed(0)} µs CPU (${((t.ms / n) * 1000).toFixed(0)} wall)`;

const kbPer = (after: Reading, before: Reading, n: number): string =>
  ((after.heapUsed - before.heapUsed) / n / 1024).toFixed(1);

/** Everything a control call could change, for every tenant, as one string. */
async function everyWorld(emulator: Emulator): Promise<string> {
  const parts: unknown[] = [];
  for (const t of await controlOf(emulator).listTenants()) {
    const control = controlOf(emulator, t.id);
    parts.push(t, await control.snapshot(), await control.listFaults());
  }
  return JSON.stringify(parts);
}

/** The three kinds of bad input a tenant call can get; each must be refused with 400/404 and a one-line reason. */
async function checkBadInput(emulator: Emulator, tenants: BenchTenant[], log: Logger): Promise<boolean> {
  const target = tenants[0]?.id ?? '';
  // A checkpoint under the other doc revision, from a tenant made (and left) before the "before" picture.
  await controlOf(emulator).createTenant({ id: 'bench-current', docRevision: 'current' });
  const { checkpoint } = await controlOf(emulator, 'bench-current').checkpoint();
  const cases = [
    { what: 'unknown tenant', method: 'POST', path: 'tenants/nobody/reset', body: undefined, status: 404 },
    { what: 'malformed tenant id', method: 'POST', path: 'tenants/bad%20id/reset', body: undefined, status: 400 },
    {
      what: 'checkpoint of another doc revision',
      method: 'POST',
      path: `tenants/${target}/restore`,
      body: { checkpoint },
      status: 400,
    },
  ];
  const before = await everyWorld(emulator);
  let ok = true;
  for (const c of cases) {
    const response = await emulator.implementation(
      new Request(`http://bench.invalid/_emulator/${c.path}`, {
        method: c.method,
        ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      }),
    );
    const reason = ((await response.json()) as { error?: string }).error ?? '';
    const fine = response.status === c.status && reason !== '' && !reason.includes('\n');
    ok &&= fine;
    log.info(`bad input, ${c.what}: HTTP ${response.status} "${reason}"${fine ? '' : ` (expected ${c.status})`}`);
  }
  const unchanged = (await everyWorld(emulator)) === before;
  log.info(`tenants changed by the bad input: ${unchanged ? 'none' : 'SOME'}`);
  await controlOf(emulator).deleteTenant('bench-current');
  return ok && unchanged;
}
