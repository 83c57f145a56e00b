// Driving an in-process emulator through its core handler, as the node:http adapter would.
import type { Emulator } from '../../conformance/emulator/createEmulator.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import { createControlClient, type ControlClient } from '../../conformance/control/createControlClient.ts';
import { bodyText, signRequest, toRaw, type ApiAnswer } from './benchRequests.ts';

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

/** The control plane of an in-process emulator, through the one typed client. */
export function controlOf(emulator: Emulator): ControlClient {
  return createControlClient(emulator.implementation, 'http://bench.invalid');
}
