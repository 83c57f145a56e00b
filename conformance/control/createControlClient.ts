import { TbcError } from '../TbcError.ts';
import type { Implementation } from '../Implementation.ts';
import {
  CONTROL_PREFIX,
  CONTROL_ROUTES,
  type AdvanceResult,
  type ControlRoute,
  type EmulatorInfo,
  type EmulatorSnapshot,
  type Fault,
  type FaultSpec,
  type ResetRequest,
} from './controlPlane.ts';

/** A refusal of the control plane (HTTP 400, 404, 409): misuse of the emulator, with its one-line reason. */
export class ControlPlaneError extends TbcError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one typed client of the emulator's control plane (control/controlPlane.ts), over any Implementation: the
 * emulator in process, or `fetch` to a URL. Property tests, the runner, client-check and test helpers all use it, so
 * nobody imports the emulator to control it. Control calls are the emulator's own API, not Tencent's: plain JSON.
 */
export interface ControlClient {
  info(): Promise<EmulatorInfo>;
  advanceBy(seconds: number): Promise<AdvanceResult>;
  /** Jumps to the next scheduled event; false when nothing is pending. */
  advanceToNextEvent(): Promise<boolean>;
  snapshot(jobId?: string): Promise<EmulatorSnapshot>;
  reset(request?: ResetRequest): Promise<EmulatorInfo>;
  declareEnv(envId: string): Promise<void>;
  listEnvs(): Promise<string[]>;
  addFault(fault: FaultSpec): Promise<Fault>;
  listFaults(): Promise<Fault[]>;
  clearFaults(): Promise<void>;
}

/** `origin` is the emulator's origin, e.g. `http://127.0.0.1:4310` (any origin for an in-process Implementation). */
export function createControlClient(implementation: Implementation, origin: string): ControlClient {
  async function call<T>(route: ControlRoute, body?: unknown, query = ''): Promise<T> {
    const { method, path } = CONTROL_ROUTES[route];
    const response = await implementation(
      new Request(new URL(`${CONTROL_PREFIX}${path}${query}`, origin), {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    );
    const text = await response.text();
    if (!response.ok) {
      throw new ControlPlaneError(response.status, `control plane ${method} ${path}: HTTP ${response.status} ${text}`);
    }
    return JSON.parse(text) as T;
  }
  return {
    info: () => call<EmulatorInfo>('info'),
    advanceBy: (seconds) => call<AdvanceResult>('advance', { seconds }),
    async advanceToNextEvent() {
      const { processed } = await call<AdvanceResult>('advance', { toNextEvent: true });
      return processed > 0;
    },
    snapshot: (jobId) =>
      call<EmulatorSnapshot>('snapshot', undefined, jobId === undefined ? '' : `?JobId=${encodeURIComponent(jobId)}`),
    reset: (request = {}) => call<EmulatorInfo>('reset', request),
    async declareEnv(envId) {
      await call('declareEnv', { EnvId: envId });
    },
    listEnvs: async () => (await call<{ namedEnvs: string[] }>('listEnvs')).namedEnvs,
    addFault: (fault) => call<Fault>('addFault', fault),
    listFaults: async () => (await call<{ faults: Fault[] }>('listFaults')).faults,
    async clearFaults() {
      await call('clearFaults');
    },
  };
}
