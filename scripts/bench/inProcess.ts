// Driving an in-process emulator through its core handler, as the node:http adapter would.
import type { Emulator } from '../../conformance/emulator/createEmulator.ts';
import { TbcError } from '../../conformance/TbcError.ts';
import type { Credentials } from '../../conformance/signing/Credentials.ts';
import { createControlClient, type ControlClient } from '../../conformance/control/createControlClient.ts';
import { bodyText, signRequest, toRaw, type ApiAnswer } from './benchRequests.ts';

/** Calls an action with a freshly signed request (default: the default tenant's key); throws unless it succeeds. */
export async function callApi(
  emulator: Emulator,
  action: string,
  params: unknown,
  credentials?: Credentials,
): Promise<NonNullable<ApiAnswer['Response']>> {
  const response = await emulator.handle(
    toRaw(signRequest(action, params, Math.floor(Date.now() / 1000), credentials)),
  );
  const parsed = JSON.parse(bodyText(response)) as ApiAnswer;
  if (parsed.Response === undefined || parsed.Response.Error !== undefined) {
    throw new TbcError(`${action} failed: ${bodyText(response)}`);
  }
  return parsed.Response;
}

/** The control plane of an in-process emulator (of one tenant, or the default), through the one typed client. */
export function controlOf(emulator: Emulator, tenant?: string): ControlClient {
  return createControlClient(emulator.implementation, 'http://bench.invalid', tenant === undefined ? {} : { tenant });
}
