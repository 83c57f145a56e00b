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

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** A settled one-job world for `credentials` (default: the default tenant), and the request that terminates it. */
async function settledRequest(emulator: Emulator, tenant?: string, credentials?: Credentials): Promise<RawRequest> {
  const { JobId } = (await callApi(emulator, 'SubmitJob', SMALL_JOB, credentials)) as { JobId: string };
  await controlOf(emulator, tenant).advanceBy(SETTLE_SECONDS);
  return toRaw(
    signRequest('TerminateTaskInstance', terminateParams(JobId), Math.floor(Date.now() / 1000), credentials),
  );
}

/** handle() answers per second for one request sent `requests` times by `concurrency` awaits; throws on a failure. */
async function rateOf(emulator: Emulator, raw: RawRequest, options: TenantBenchOptions): Promise<number> {
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < options.requests) {
      sent++;
      const response = await emulator.handle(raw);
      if (!isSuccessBody(bodyText(response))) throw new TbcError(`not Success: ${bodyText(response).slice(0, 200)}`);
    }
  };
  const { ms } = await timed(() => Promise.all(Array.from({ length: options.concurrency }, worker)));
  return (sent / ms) * 1000;
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
    `${n} tenants created in ${created.ms.toFixed(0)} ms (${perCall(created.ms, n)} each), one SubmitJob each in ` +
      `${submitted.ms.toFixed(0)} ms, all reset in ${reset.ms.toFixed(0)} ms (${perCall(reset.ms, n)} each)`,
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

  const checkpointed = await timed(async () => {
    const ids: string[] = [];
    for (const t of tenants) ids.push((await controlOf(emulator, t.id).checkpoint()).checkpoint);
    return ids;
  });
  const restored = await timed(async () => {
    for (const [i, t] of tenants.entries()) await controlOf(emulator, t.id).restore(checkpointed.value[i] ?? '');
  });
  for (const id of checkpointed.value) await control.deleteCheckpoint(id);
  log.info(
    `through the control plane, per empty tenant: checkpoint ${perCall(checkpointed.ms, n)}, ` +
      `restore ${perCall(restored.ms, n)}`,
  );

  // The hot path: one tenant among n + 1 against an emulator with the default tenant alone, the same request shape.
  const middle = tenants[Math.floor(n / 2)];
  if (middle === undefined) throw new TbcError('--tenants must be at least 1');
  const alone = createEmulator({ clock: 'virtual', seed: 1, rateLimits: false });
  const aloneRaw = await settledRequest(alone);
  const manyRaw = await settledRequest(emulator, middle.id, middle.credentials);
  const rates: { alone: number; many: number }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    rates.push({ alone: await rateOf(alone, aloneRaw, options), many: await rateOf(emulator, manyRaw, options) });
  }
  log.info(
    `handle() x ${options.requests} per reading, ${options.concurrency} concurrent awaits, TerminateTaskInstance ` +
      `answered Success, req/s of the default tenant alone vs tenant ${middle.id} of ${n + 1}: ` +
      rates.map((r) => `${r.alone.toFixed(0)} vs ${r.many.toFixed(0)}`).join('; ') +
      `; median ratio ${median(rates.map((r) => r.many / r.alone)).toFixed(3)}`,
  );

  const badInputOk = await checkBadInput(emulator, tenants, log);
  for (const t of tenants) await control.deleteTenant(t.id);
  log.info(`after deleting them all:    ${mb(readMemory(gc))}`);
  return { ok: badInputOk };
}

const perCall = (ms: number, n: number): string => `${((ms / n) * 1000).toFixed(0)} µs`;

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

/** The three kinds of bad input of issue 14; each must be refused with 400/404 and a one-line reason. */
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
