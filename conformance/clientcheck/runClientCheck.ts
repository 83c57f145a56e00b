import { DEFAULT_REGION, DEFAULT_ZONE } from '../../generated/regions.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import { randomBytes } from 'node:crypto';
import { ACTIONS } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { TbcError } from '../TbcError.ts';
import type { RawRequest, RawResponse } from '../wire/RawExchange.ts';
import { validateRequest } from '../wire/validateRequest.ts';
import { signatureVerifier } from '../signing/verifyRequest.ts';
import { compareWithGiven } from './compareWithGiven.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createRedactor, redactedRequest, secretsOf } from '../wire/redact.ts';
import { TOOL_VERSION } from '../toolVersion.ts';
import type { ClientAdapter, TerminateInput, TerminateParams } from './ClientAdapter.ts';
import {
  CLIENT_CHECKS,
  CLIENT_CHECK_IDS,
  MAX_FINDINGS_PER_CHECK,
  type CheckResult,
  type ClientCheckReport,
  type Finding,
  type ScenarioReport,
} from './ClientCheckReport.ts';
import { checkRetryRate } from './checkRetryRate.ts';
import { checkSurfaced, expectFromResponse, type Expected } from './checkSurfaced.ts';
import { hung, inspectSurfaced, type Surfaced } from './inspectSurfaced.ts';
import { planScenarios, type Scenario, type CheckJobs } from './planScenarios.ts';
import type { ScenarioId } from './scenarioIds.ts';
import { startCheckEmulator, type CheckEmulator, type WireExchange } from './startCheckEmulator.ts';
import type { TlsOption } from '../http/resolveTls.ts';
import type { Exchange } from '../../generated/reportTypes.ts';

export interface ClientCheckOptions {
  adapter: ClientAdapter;
  /** How the report names the adapter (its path). */
  adapterName: string;
  docRevision: DocRevision;
  seed: number;
  /** Fuzzed calls. */
  runs: number;
  /** What the adapter is told to use as its timeout; the latency scenarios are built around it. */
  timeoutMs: number;
  region?: string;
  /** HTTPS for the client under test: `true` with a generated certificate, or your own (see TerminateInput.ca). */
  tls?: TlsOption;
  /** Run only these scenarios (ids of planScenarios); default all. */
  only?: readonly ScenarioId[];
  onProgress?: (scenario: ScenarioReport) => void;
}

const ACTION = 'TerminateTaskInstance' as const;
const RATE_LIMIT = ACTIONS.TerminateTaskInstance.rateLimitPerSecond;
const NAMED_ENV = 'env-tbccheck';
/** Long enough that every instance is still RUNNING when the last scenario runs (emulated seconds). */
const WORKLOAD = { DeliveryForm: 'LOCAL', Command: 'sleep 100000' };

interface CallRecord {
  call: number;
  params: TerminateParams;
  surfaced: Surfaced;
  exchanges: WireExchange[];
}

/**
 * `tbc client-check`: runs the emulator in process, drives the adapter through the scenarios, checks every request
 * the client put on the wire and what it surfaced, and returns the report as data (secrets redacted). Throws
 * TbcError only when the kit itself cannot set up.
 */
export async function runClientCheck(options: ClientCheckOptions): Promise<ClientCheckReport> {
  const started = performance.now();
  const client = makeUpCredentials();
  const kit = makeUpCredentials();
  const region = options.region ?? DEFAULT_REGION;
  const emulator = await startCheckEmulator({
    docRevision: options.docRevision,
    seed: options.seed,
    client,
    kit,
    namedEnv: NAMED_ENV,
    tls: options.tls,
  });
  const secrets = new Set<string>([client.secretKey]);
  try {
    const jobs = await submitCheckJobs(emulator);
    const scenarios: ScenarioReport[] = [];
    const planned = planScenarios(jobs, options);
    const selected = options.only === undefined ? planned : planned.filter((s) => options.only?.includes(s.id));
    for (const scenario of selected) {
      const report = await runScenario(scenario, emulator, { ...options, client, region, secrets });
      scenarios.push(report);
      options.onProgress?.(report);
    }
    const report: ClientCheckReport = {
      tool: 'tbc',
      command: 'client-check',
      version: TOOL_VERSION,
      adapter: options.adapterName,
      docRevision: options.docRevision,
      seed: options.seed,
      timeoutMs: options.timeoutMs,
      ok: scenarios.every((s) => s.results.every((r) => r.status !== 'failed')),
      durationMs: Math.round(performance.now() - started),
      checks: CLIENT_CHECKS,
      scenarios,
    };
    return createRedactor(secrets).redactDeep(report);
  } finally {
    await emulator.close();
  }
}

/** A fresh pair per run: the report then proves it leaks nothing (Tencent's public example pair would not). */
function makeUpCredentials(): Credentials {
  return { secretId: `AKIDtbc${randomBytes(14).toString('hex')}`, secretKey: randomBytes(16).toString('hex') };
}

async function submitCheckJobs(emulator: CheckEmulator): Promise<CheckJobs> {
  const submit = async (tasks: Record<string, unknown>[]): Promise<string> => {
    await emulator.advance(1);
    const response = await emulator.api('SubmitJob', {
      Placement: { Zone: DEFAULT_ZONE },
      Job: { JobName: 'tbc-client-check', Tasks: tasks },
    });
    const jobId = response['JobId'];
    if (typeof jobId !== 'string')
      throw new TbcError(`client-check: SubmitJob failed in the emulator: ${JSON.stringify(response)}`);
    return jobId;
  };
  const jobId = await submit([
    { TaskName: 'A', TaskInstanceNum: 3, Application: WORKLOAD, ComputeEnv: ANONYMOUS_COMPUTE_ENV },
    { TaskName: 'B', TaskInstanceNum: 2, Application: WORKLOAD, ComputeEnv: ANONYMOUS_COMPUTE_ENV },
  ]);
  const namedJobId = await submit([{ TaskName: 'A', TaskInstanceNum: 1, Application: WORKLOAD, EnvId: NAMED_ENV }]);
  // Emulated time for the instances to reach RUNNING (scheduling plus CVM creation, emulator/Timings.ts DEFAULT_TIMINGS).
  await emulator.advance(60);
  const instances = [
    ...[0, 1, 2].map((i) => ({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: i })),
    ...[0, 1].map((i) => ({ JobId: jobId, TaskName: 'B', TaskInstanceIndex: i })),
  ];
  return { jobId, namedJobId, instances };
}

interface RunContext extends ClientCheckOptions {
  client: Credentials;
  region: string;
  secrets: Set<string>;
}

async function runScenario(scenario: Scenario, emulator: CheckEmulator, context: RunContext): Promise<ScenarioReport> {
  const started = performance.now();
  const records: CallRecord[] = [];
  for (const params of scenario.calls) {
    records.push(await runCall(scenario, params, emulator, context));
  }
  const findings: Finding[] = [];
  for (const record of records) findings.push(...checkCall(scenario, record, context));
  const requests = records.reduce((sum, r) => sum + r.exchanges.length, 0);
  const results: CheckResult[] = CLIENT_CHECK_IDS.map((check) => {
    const own = findings.filter((f) => f.check === check);
    const needsWire = check !== 'surfaced.result';
    if (needsWire && requests === 0) {
      return { check, status: 'skipped', reason: 'no request reached the wire', findings: [], findingCount: 0 };
    }
    return {
      check,
      status: own.length === 0 ? 'passed' : 'failed',
      findings: own.slice(0, MAX_FINDINGS_PER_CHECK),
      findingCount: own.length,
    };
  });
  return {
    id: scenario.id,
    title: scenario.title,
    calls: records.length,
    requests,
    durationMs: Math.round(performance.now() - started),
    results,
    observed: summarize(records),
  };
}

async function runCall(
  scenario: Scenario,
  params: TerminateParams,
  emulator: CheckEmulator,
  context: RunContext,
): Promise<CallRecord> {
  const call = await emulator.beginCall();
  if (scenario.fault !== undefined) await emulator.addFault(scenario.fault);
  if (scenario.fillRateWindow === true) {
    for (let i = 0; i < RATE_LIMIT; i++) await emulator.api(ACTION, params, context.client);
  }
  const input: TerminateInput = {
    endpoint: emulator.endpoint,
    protocol: emulator.protocol,
    ...(emulator.ca === undefined ? {} : { ca: emulator.ca }),
    credentials: { ...context.client },
    region: context.region,
    params: { ...params },
    timeoutMs: context.timeoutMs,
  };
  // Why a guard: a client that ignores its timeout must not hang the kit; room for a few retries first.
  const guardMs = context.timeoutMs * 4 + 1000;
  const start = performance.now();
  const elapsed = () => Math.round(performance.now() - start);
  const redactor = createRedactor(context.secrets);
  const redactText = (text: string): string => redactor.redactText(text);
  let timer: NodeJS.Timeout | undefined;
  const surfaced = await Promise.race([
    context.adapter(input).then(
      (value) => inspectSurfaced('returned', value, elapsed(), redactText),
      (error: unknown) => inspectSurfaced('threw', error, elapsed(), redactText),
    ),
    new Promise<Surfaced>((resolve) => {
      timer = setTimeout(() => {
        resolve(hung(elapsed()));
      }, guardMs);
    }),
  ]);
  clearTimeout(timer);
  await emulator.clearFaults();
  await emulator.drain(guardMs);
  return { call, params, surfaced, exchanges: emulator.exchanges.filter((e) => e.call === call) };
}

function checkCall(scenario: Scenario, record: CallRecord, context: RunContext): Finding[] {
  const findings: Finding[] = [];
  const evidenceOf = (exchange: WireExchange | undefined, withResponse = true) => ({
    call: record.call,
    params: record.params,
    ...(exchange === undefined
      ? {}
      : { exchange: toExchange(exchange.request, withResponse ? exchange.response : undefined) }),
  });
  for (const exchange of record.exchanges) {
    // Every signature and token the client sent, so the final redaction pass finds them wherever they turn up: in
    // evidence, or quoted in what the client surfaced.
    for (const secret of secretsOf(exchange.request)) context.secrets.add(secret);
    const validated = validateRequest(exchange.request, {
      docRevision: context.docRevision,
      verifySignature: signatureVerifier({
        findCredentials: (id) => (id === context.client.secretId ? context.client : undefined),
        nowSeconds: Math.floor(exchange.arrivedAt / 1000),
      }),
    });
    const given = {
      action: ACTION,
      params: record.params as unknown as Record<string, unknown>,
      region: context.region,
    };
    for (const problem of compareWithGiven(validated, given)) {
      findings.push({ check: problem.check, message: problem.message, evidence: evidenceOf(exchange) });
    }
  }
  const last = record.exchanges.at(-1);
  const expected: Expected =
    last === undefined
      ? { kind: 'no-request' }
      : scenario.expectTimeout === true
        ? { kind: 'transport', reason: `a server that stayed silent past timeoutMs ${context.timeoutMs}` }
        : expectFromResponse(last.response);
  for (const message of checkSurfaced(expected, record.surfaced, context.timeoutMs)) {
    findings.push({
      check: 'surfaced.result',
      message,
      evidence: { ...evidenceOf(last, scenario.expectTimeout !== true), surfaced: record.surfaced },
    });
  }
  for (const message of checkRetryRate(
    record.exchanges.map((e) => e.arrivedAt),
    RATE_LIMIT,
    ACTION,
  )) {
    findings.push({ check: 'retry.rate', message, evidence: evidenceOf(last) });
  }
  return findings;
}

/** One exchange as report data, with signatures and tokens blanked where they stand. */
function toExchange(request: RawRequest, response: RawResponse | undefined): Exchange {
  return {
    request: redactedRequest(request),
    ...(response === undefined
      ? {}
      : { response: { status: response.status, headers: { ...response.headers }, body: String(response.body) } }),
  };
}

/** The distinct things the client did in a scenario, e.g. `threw TencentCloudSDKHttpException code="InternalError" ×1`. */
function summarize(records: readonly CallRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    const s = record.surfaced;
    const parts = [s.outcome === 'hung' ? 'hung' : `${s.outcome} ${s.type}`];
    if (s.code !== undefined) parts.push(`${s.code.at}=${JSON.stringify(s.code.value)}`);
    else if (s.outcome === 'threw' && s.message !== undefined)
      parts.push(`message ${JSON.stringify(s.message.slice(0, 60))}`);
    if (s.requestId !== undefined) parts.push(`RequestId at ${s.requestId.at}`);
    else if (s.outcome !== 'hung') parts.push('no RequestId');
    parts.push(`${record.exchanges.length} request${record.exchanges.length === 1 ? '' : 's'}`);
    const line = parts.join(', ');
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => `${line} ×${count}`);
}
