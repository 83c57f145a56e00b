import { describe, expect, it } from 'vitest';
import {
  CVM_PHASES,
  ENV_KINDS,
  TASK_INSTANCE_STATES,
  TERMINATE_OUTCOMES,
  DOC_REVISIONS,
} from '../../generated/transitions.ts';
import { listTransitions } from './listTransitions.ts';

const REVISIONS = DOC_REVISIONS;

describe.each(REVISIONS)('listTransitions(%s)', (revision) => {
  it('covers every env × state × CVM phase of TERMINATE_OUTCOMES exactly once, with its rule, response and effect', () => {
    const transitions = listTransitions(revision);
    for (const env of ENV_KINDS) {
      for (const state of TASK_INSTANCE_STATES) {
        for (const phase of CVM_PHASES) {
          const matching = transitions.filter((t) => t.env === env && t.from === state && t.cvmPhases.includes(phase));
          expect(matching, `${env} ${state} ${phase}`).toHaveLength(1);
          const { rule, response, effect } = TERMINATE_OUTCOMES[revision][env][state][phase];
          expect(matching[0]).toMatchObject({ rule, response, effect });
        }
      }
    }
  });

  it('keeps the state for effect none and ends in FAILED for every other effect', () => {
    for (const t of listTransitions(revision)) expect(t.to).toBe(t.effect === 'none' ? t.from : 'FAILED');
  });

  it('splits a state by CVM phase only where the phases differ', () => {
    for (const t of listTransitions(revision)) {
      const phases = CVM_PHASES.map((phase) => TERMINATE_OUTCOMES[revision][t.env][t.from][phase].rule);
      expect(t.dependsOnCvm).toBe(new Set(phases).size > 1);
    }
  });
});

it('shows the CVM phase mattering for an anonymous STARTING instance in the seed revision', () => {
  const starting = listTransitions('seed').filter((t) => t.env === 'anonymous' && t.from === 'STARTING');
  expect(starting.map((t) => [t.cvmPhases, t.effect])).toEqual([
    [['none', 'creating'], 'deferred-terminate'],
    [['running'], 'terminate-cvm-then-fail'],
  ]);
});
