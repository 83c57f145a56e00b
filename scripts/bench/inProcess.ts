// Driving an in-process emulator through its core handler, as the node:http adapter would.
import type { Emulator } from '../../conformance/emulator/createEmulator.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import { bodyText, controlRaw, signRequest, toRaw, type ApiAnswer } from './benchRequests.ts';

/** Calls an action with a freshly signed request; throws unless it succeeds. */
export async function callApi(
  emulator: Emulator,
  action: string,
  params: unknown,
): Promise<NonNullable<ApiAnswer['Response']>> {
  const response = await emulator.handle(toRaw(signRequest(action, params, Math.floor(Date.now() / 1000))));
  const parsed = JSON.parse(bodyText(response)) as ApiAnswer;
  if (parsed.Response === undefined || parsed.Response.Error !== undefined) {
    throw new TbcError(`${action} failed: ${bodyText(response)}`);
  }
  return parsed.Response;
}

/** Calls the control plane; throws unless it answers 200. */
export async function callControl<T>(emulator: Emulator, path: string, body?: unknown): Promise<T> {
  const response = await emulator.handle(controlRaw(path, body));
  if (response.status !== 200) throw new TbcError(`/_emulator/${path}: HTTP ${response.status} ${bodyText(response)}`);
  return JSON.parse(bodyText(response)) as T;
}

export interface SnapshotInstances {
  jobs: { tasks: { TaskName: string; instances: { state: string; attempt: number }[] }[] }[];
}
