// Scenario-test support: an emulator on 127.0.0.1 driven by the official Node SDKs, as a client developer would.
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { loadOfficialSdks, type CommonClientOptions } from './loadOfficialSdks.ts';
import type { EmulatorSnapshot } from '../control/controlPlane.ts';
import { createControlClient } from '../control/createControlClient.ts';
import { createEmulator, type EmulatorOptions, type RecordedExchange } from '../emulator/createEmulator.ts';
import { DEFAULT_ZONE } from '../../generated/regions.ts';

export type SdkOutcome =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; code: string | undefined; requestId: string; message: string };

export interface InstanceView {
  TaskInstanceIndex: number;
  TaskInstanceState: string;
  ComputeNodeInstanceId: string | null;
  ExitCode: number | null;
}

export const NAMED_ENV = 'env-lcpcej85';

export async function startSdkHarness(options: EmulatorOptions = {}) {
  const exchanges: RecordedExchange[] = [];
  const emulator = createEmulator({
    clock: 'virtual',
    rateLimits: false,
    namedEnvs: [NAMED_ENV],
    seed: 1,
    onExchange: (e) => exchanges.push(e),
    ...options,
  });
  const listening = await emulator.listen();
  const endpoint = new URL(listening.url).host;
  const sdks = loadOfficialSdks();
  const commonClient = (
    profile: Partial<CommonClientOptions['profile']['httpProfile']> = {},
    credential = EXAMPLE_CREDENTIALS,
  ) =>
    new sdks.common.CommonClient(endpoint, '2017-03-12', {
      credential: { ...credential },
      region: 'ap-guangzhou',
      profile: { httpProfile: { protocol: 'http://', endpoint, ...profile } },
    });
  const tc3 = commonClient();

  async function call(action: string, params: unknown, client = tc3): Promise<SdkOutcome> {
    try {
      return { ok: true, data: (await client.request(action, params)) as Record<string, unknown> };
    } catch (error) {
      const e = error as { code?: string; requestId?: string; message?: string };
      return { ok: false, code: e.code, requestId: e.requestId ?? '', message: e.message ?? String(error) };
    }
  }

  const control = createControlClient((request) => fetch(request), listening.url);

  async function submit(
    tasks: Record<string, unknown>[],
    dependences?: { StartTask: string; EndTask: string }[],
  ): Promise<string> {
    const outcome = await call('SubmitJob', {
      Placement: { Zone: DEFAULT_ZONE },
      Job: { JobName: 'scenario', Tasks: tasks, ...(dependences ? { Dependences: dependences } : {}) },
    });
    if (!outcome.ok) throw new Error(`SubmitJob failed: ${outcome.code ?? outcome.message}`);
    return outcome.data['JobId'] as string;
  }

  async function instances(jobId: string, taskName = 'A'): Promise<InstanceView[]> {
    const outcome = await call('DescribeTask', { JobId: jobId, TaskName: taskName });
    if (!outcome.ok) throw new Error(`DescribeTask failed: ${outcome.code ?? outcome.message}`);
    return (outcome.data['TaskInstanceSet'] as InstanceView[]).sort(
      (a, b) => a.TaskInstanceIndex - b.TaskInstanceIndex,
    );
  }

  return {
    url: listening.url,
    endpoint,
    sdks,
    exchanges,
    tc3,
    commonClient,
    call,
    submit,
    instances,
    state: async (jobId: string, index = 0, taskName = 'A') =>
      (await instances(jobId, taskName))[index]?.TaskInstanceState,
    advance: (seconds: number) => control.advanceBy(seconds),
    snapshot: (jobId?: string): Promise<EmulatorSnapshot> => control.snapshot(jobId),
    control,
    close: () => listening.close(),
  };
}

export type SdkHarness = Awaited<ReturnType<typeof startSdkHarness>>;

/** A one-task job; `Command` follows the emulator's workload grammar. */
export function task(command: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    TaskName: 'A',
    TaskInstanceNum: 1,
    Application: { DeliveryForm: 'LOCAL', Command: command },
    ComputeEnv: ANONYMOUS_COMPUTE_ENV,
    ...extra,
  };
}

/**
 * The usual fixture of a scenario file: a harness with one job of two instances of `command`, RUNNING once 30 s of
 * virtual time have passed.
 */
export async function startWithRunningJob(command = 'sleep 1000'): Promise<{ h: SdkHarness; job: string }> {
  const h = await startSdkHarness();
  const job = await h.submit([task(command, { TaskInstanceNum: 2 })]);
  await h.advance(30);
  return { h, job };
}
