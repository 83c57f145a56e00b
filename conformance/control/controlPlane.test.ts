import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../generated/actions.ts';
import { ERROR_CODES } from '../../generated/errorCodes.ts';
import { DEFAULT_DOC_REVISION, DOC_REVISIONS } from '../../generated/transitions.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { createAjv } from '../schema/createAjv.ts';
import { CONTROL_SCHEMAS } from './controlPlane.ts';
import { ControlPlaneError, createControlClient } from './createControlClient.ts';

describe('the control plane schemas (control.schema.json with the spec lists written in)', () => {
  const ajv = createAjv();

  it('compile under the one strict ajv configuration, json-schema-to-typescript hints dropped', () => {
    for (const schema of Object.values(CONTROL_SCHEMAS)) expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('know every doc revision, action and error code of spec/, and nothing else', () => {
    const reset = ajv.compile(CONTROL_SCHEMAS.reset);
    for (const docRevision of DOC_REVISIONS) expect(reset({ docRevision })).toBe(true);
    expect(reset({ docRevision: 'bogus' })).toBe(false);
    for (const action of ACTION_NAMES) expect(reset({ rateLimits: { [action]: 1 } })).toBe(true);
    expect(reset({ rateLimits: { Bogus: 1 } })).toBe(false);
    const addFault = ajv.compile(CONTROL_SCHEMAS.addFault);
    for (const code of Object.keys(ERROR_CODES)) expect(addFault({ kind: 'error', code })).toBe(true);
    expect(addFault({ kind: 'error', code: 'Bogus' })).toBe(false);
  });

  it('refuse an advance with no field or both in one short line', () => {
    const advance = ajv.compile(CONTROL_SCHEMAS.advance);
    expect(advance({})).toBe(false);
    expect(ajv.errorsText(advance.errors)).toBe('data must NOT have fewer than 1 properties');
    expect(advance({ seconds: 1, toNextEvent: true })).toBe(false);
    expect(ajv.errorsText(advance.errors)).toBe('data must NOT have more than 1 properties');
  });
});

describe('reset still reads `profile`, the old wire name of docRevision', () => {
  const emulator = createEmulator({ clock: 'virtual' });
  const control = createControlClient(emulator.implementation, 'http://emulator');

  it('sets the doc revision from it, and answers it beside docRevision', async () => {
    const other = DOC_REVISIONS.find((r) => r !== DEFAULT_DOC_REVISION);
    if (other === undefined) throw new Error('spec/transitions.yaml names one revision: nothing to switch to');
    const info = await control.reset({ profile: other });
    expect(info.docRevision).toBe(other);
    expect(info.profile).toBe(other);
  });

  it('refuses it together with docRevision', async () => {
    await expect(control.reset({ docRevision: 'seed', profile: 'seed' })).rejects.toThrow(ControlPlaneError);
  });
});
