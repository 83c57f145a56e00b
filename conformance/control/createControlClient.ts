import type { Implementation } from '../Implementation.ts';

/** What `GET /_emulator/info` reports; the runner uses it to recognise an emulator and its abilities. */
export interface EmulatorInfo {
  /** `tbc` for this kit's emulator; anything else answering /_emulator/info is not one. */
  emulator: string;
  clock: { kind: 'real' | 'virtual'; nowMs: number };
  profile: string;
  rateLimits: Record<string, number | null>;
  namedEnvs: string[];
}

export interface SnapshotInstance {
  index: number;
  state: string;
  attempt: number;
  terminating: boolean;
  workloadRuns: number;
  cvm: string | null;
  history: { state: string; at: number; seq: number }[];
}

export interface SnapshotCvm {
  id: string;
  env: { kind: 'anonymous' | 'named'; envId?: string };
  phase: 'creating' | 'running' | 'restarting' | 'terminating' | 'terminated';
  jobId: string;
  taskName: string;
  instanceIndex: number;
  attempt: number;
  workloadStartedAt: number | null;
  history: { phase: string; at: number; seq: number }[];
}

export interface Snapshot {
  nowMs: number;
  jobs: { JobId: string; accepted: boolean; tasks: { TaskName: string; instances: SnapshotInstance[] }[] }[];
  cvms: SnapshotCvm[];
  quota: { cvmsInUse: number };
}

/**
 * A client for the emulator's control plane, over the same Implementation as the API calls (in-process or HTTP), so
 * property tests never import the emulator. Control calls are the emulator's own API, not Tencent's: plain JSON.
 */
export interface EmulatorControl {
  info(): Promise<EmulatorInfo>;
  advanceBy(seconds: number): Promise<void>;
  /** Jumps to the next scheduled event; false when nothing is pending. */
  advanceToNextEvent(): Promise<boolean>;
  snapshot(jobId?: string): Promise<Snapshot>;
  reset(options: { profile?: string; rateLimits?: false | Record<string, number> }): Promise<void>;
  declareEnv(envId: string): Promise<void>;
}

export function createEmulatorControl(implementation: Implementation, baseUrl: string): EmulatorControl {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await implementation(
      new Request(new URL(`/_emulator/${path}`, baseUrl), {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`control plane ${method} ${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    info: () => call<EmulatorInfo>('GET', 'info'),
    async advanceBy(seconds) {
      await call('POST', 'clock/advance', { seconds });
    },
    async advanceToNextEvent() {
      const { processed } = await call<{ processed: number }>('POST', 'clock/advance', { toNextEvent: true });
      return processed > 0;
    },
    snapshot: (jobId) =>
      call<Snapshot>('GET', `snapshot${jobId === undefined ? '' : `?JobId=${encodeURIComponent(jobId)}`}`),
    async reset(options) {
      await call('POST', 'reset', options);
    },
    async declareEnv(envId) {
      await call('POST', 'envs', { EnvId: envId });
    },
  };
}
