import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../generated/actions.ts';
import { createControlClient } from '../../control/createControlClient.ts';
import { createEmulator } from '../createEmulator.ts';

describe('fault injection answers only documented codes (decision D-26)', () => {
  const emulator = createEmulator({ clock: 'virtual' });
  const control = createControlClient(emulator.implementation, 'http://emulator');

  it('refuses a code the targeted action does not document with HTTP 400 and a one-line reason', async () => {
    const response = await emulator.implementation(
      new Request('http://emulator/_emulator/faults', {
        method: 'POST',
        body: JSON.stringify({
          kind: 'error',
          code: 'InvalidParameter.EnvIdMalformed',
          action: 'TerminateTaskInstance',
        }),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error:
        'InvalidParameter.EnvIdMalformed is not documented for TerminateTaskInstance (its codes: spec/TerminateTaskInstance.yaml)',
    });
    expect(await control.listFaults()).toEqual([]);
  });

  it('refuses, for a fault on every action, a code that only some actions document', async () => {
    await expect(control.addFault({ kind: 'error', code: 'ResourceNotFound.TaskInstance' })).rejects.toThrow(
      /ResourceNotFound\.TaskInstance is not documented for every action/,
    );
    await expect(control.addFault({ kind: 'error', code: 'InternalError' })).resolves.toMatchObject({ id: 1 });
  });

  it('arms every code the action documents, its own and the common ones', async () => {
    await control.clearFaults();
    for (const code of ACTIONS.SubmitJob.errorCodes) {
      await control.addFault({ kind: 'error', code, action: 'SubmitJob', count: 1 });
    }
    expect(await control.listFaults()).toHaveLength(ACTIONS.SubmitJob.errorCodes.length);
  });
});
