import { TbcError } from '../TbcError.ts';
import type { Implementation } from '../Implementation.ts';
import {
  CONTROL_PREFIX,
  CONTROL_ROUTES,
  TENANT_PREFIX,
  type AdvanceResult,
  type CheckpointCreated,
  type ControlRoute,
  type EmulatorInfo,
  type EmulatorSnapshot,
  type Fault,
  type FaultSpec,
  type ResetRequest,
  type TenantCreated,
  type TenantRequest,
  type TenantSummary,
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
 * The world-level calls act on the client's tenant; the tenant-level calls (`createTenant`, ...) on the emulator.
 */
export interface ControlClient {
  /** The tenant whose world this client controls (undefined: the default tenant, through the unprefixed routes). */
  readonly tenant: string | undefined;
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
  /** Saves this tenant's world inside the emulator; `restore` puts it back (here or in another tenant). */
  checkpoint(): Promise<CheckpointCreated>;
  restore(checkpoint: string): Promise<EmulatorInfo>;
  deleteCheckpoint(checkpoint: string): Promise<void>;
  createTenant(request?: TenantRequest): Promise<TenantCreated>;
  listTenants(): Promise<TenantSummary[]>;
  deleteTenant(id: string): Promise<void>;
}

export interface ControlClientOptions {
  /** Address this tenant's world (`/_emulator/tenants/{tenant}/...`); default: the default tenant. */
  tenant?: string;
  /** Each call, its answer read to the end, takes at most this long, or rejects with TbcError; default 30 s. */
  timeoutMs?: number;
}

/** The control plane answers in milliseconds; this only ends a wait on an emulator that stopped answering. */
export const DEFAULT_CONTROL_TIMEOUT_MS = 30_000;

/** `origin` is the emulator's origin, e.g. `http://127.0.0.1:4310` (any origin for an in-process Implementation). */
export function createControlClient(
  implementation: Implementation,
  origin: string,
  options: ControlClientOptions = {},
): ControlClient {
  const { tenant, timeoutMs = DEFAULT_CONTROL_TIMEOUT_MS } = options;
  const tenantPath = tenant === undefined ? '' : `${TENANT_PREFIX}${encodeURIComponent(tenant)}/`;

  async function call<T>(route: ControlRoute, body?: unknown, tail = ''): Promise<T> {
    const { method, path, scope } = CONTROL_ROUTES[route];
    // `{id}` is always the last segment of an emulator route; `tail` carries it, or a tenant route's query.
    const where = scope === 'tenant' ? `${tenantPath}${path}${tail}` : path.replace('{id}', encodeURIComponent(tail));
    // Every wait has a deadline: the race ends the call and the read of its answer, whatever the Implementation does.
    // Why a timer and no abort signal: control answers come from the emulator itself (only a target that is one gets
    // control calls), a call past its deadline is a setup error that ends the run, and the calls are half of a run's,
    // so cheap matters (an AbortSignal per call cost a fifth of a run's CPU over HTTP, measured).
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TbcError(`control plane ${method} ${where}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    expired.catch(() => undefined);
    const responding = implementation(
      new Request(new URL(`${CONTROL_PREFIX}${where}`, origin), {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    );
    responding.catch(() => undefined);
    let response: Response;
    let text: string;
    try {
      response = await Promise.race([responding, expired]);
      text = await Promise.race([response.text(), expired]);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      throw new ControlPlaneError(response.status, `control plane ${method} ${where}: HTTP ${response.status} ${text}`);
    }
    return JSON.parse(text) as T;
  }
  return {
    tenant,
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
    checkpoint: () => call<CheckpointCreated>('checkpoint'),
    restore: (checkpoint) => call<EmulatorInfo>('restore', { checkpoint }),
    async deleteCheckpoint(checkpoint) {
      await call('deleteCheckpoint', undefined, checkpoint);
    },
    createTenant: (request = {}) => call<TenantCreated>('createTenant', request),
    listTenants: async () => (await call<{ tenants: TenantSummary[] }>('listTenants')).tenants,
    async deleteTenant(id) {
      await call('deleteTenant', undefined, id);
    },
  };
}
