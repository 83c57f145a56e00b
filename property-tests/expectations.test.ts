import { describe, expect, it } from 'vitest';
import { ENV_KINDS, TASK_INSTANCE_STATES, DOC_REVISIONS } from '../generated/transitions.ts';
import { expectedAnswer } from './expectations.ts';

// TTI-MODEL predicts a terminate call from what a client sees (env and state); this holds only while no row of the
// transition table makes the answer or the instance's fate depend on the CVM phase.
describe('expectedAnswer', () => {
  it.each(DOC_REVISIONS.flatMap((r) => ENV_KINDS.flatMap((e) => TASK_INSTANCE_STATES.map((s) => [r, e, s] as const))))(
    'gives one answer for a %s/%s %s instance whatever its CVM is doing',
    (docRevision, env, state) => {
      expect(() => expectedAnswer({ docRevision }, env, state)).not.toThrow();
    },
  );

  it('answers UnsupportedOperation.TerminateOperationWithEnvId for a RUNNING named-env instance under the seed wording', () => {
    expect(expectedAnswer({ docRevision: 'seed' }, 'named', 'RUNNING')).toEqual({
      response: 'UnsupportedOperation.TerminateOperationWithEnvId',
      instance: 'unchanged',
      rules: ['seed.named-env'],
    });
  });

  it('names both rules of an anonymous STARTING instance, whose CVM may be created or up', () => {
    expect(expectedAnswer({ docRevision: 'seed' }, 'anonymous', 'STARTING')).toEqual({
      response: 'Success',
      instance: 'FAILED',
      rules: ['seed.cvm-creating', 'seed.cvm-up'],
    });
  });
});
