import { describe, expect, it } from 'vitest';
import {
  CVM_PHASES,
  ENV_KINDS,
  TASK_INSTANCE_STATES,
  TERMINATE_OUTCOMES,
  TRANSITION_TABLE,
  DOC_REVISIONS,
} from '../../generated/transitions.ts';
import { renderMermaid, toStateId } from './renderMermaid.ts';

const REVISIONS = DOC_REVISIONS;

interface Edge {
  from: string;
  to: string;
  /** The label with Mermaid line breaks turned into spaces, as a reader sees it. */
  label: string;
}

/** The transitions of the Mermaid source, read back independently of the generator's data. */
function parseEdges(source: string): Edge[] {
  return [...source.matchAll(/^\s*(\w+) --> (\w+) : (.*)$/gm)].map(([, from = '', to = '', label = '']) => ({
    from,
    to,
    label: label.replaceAll('<br/>', ' ').replaceAll('. ', '.'),
  }));
}

describe.each(REVISIONS)('renderMermaid(%s)', (revision) => {
  const source = renderMermaid(revision);
  const edges = parseEdges(source);

  it('is a stateDiagram-v2 with one box per env kind and a node for every TaskInstanceState in it', () => {
    expect(source).toContain('stateDiagram-v2');
    for (const env of ENV_KINDS) {
      expect(source).toMatch(new RegExp(`^  state "[^"]+" as ${env} \\{$`, 'm'));
      for (const state of TASK_INSTANCE_STATES)
        expect(source).toContain(`state "${state}" as ${toStateId(env, state)}`);
    }
  });

  it('draws, for every env × state × CVM phase, an edge with the response, effect, rule and resulting state', () => {
    for (const env of ENV_KINDS) {
      for (const state of TASK_INSTANCE_STATES) {
        const outgoing = edges.filter((e) => e.from === toStateId(env, state));
        for (const phase of CVM_PHASES) {
          const { rule, response, effect } = TERMINATE_OUTCOMES[revision][env][state][phase];
          const result = TRANSITION_TABLE.effects[effect].instance;
          const to = toStateId(env, result === 'unchanged' ? state : result);
          const edge = outgoing.find((e) => e.label.includes(`rule ${rule}`) && e.label.includes(`effect ${effect}`));
          expect(edge, `${env} ${state} ${phase}`).toBeDefined();
          expect(edge?.to).toBe(to);
          expect(edge?.label.startsWith(response) || edge?.label.includes(`] ${response}`)).toBe(true);
          if (outgoing.length > 1) expect(edge?.label).toMatch(new RegExp(`^\\[CVM [^\\]]*\\b${phase}\\b`));
        }
      }
    }
  });

  it('names every rule of the revision', () => {
    for (const rule of TRANSITION_TABLE.revisions[revision].rules) expect(source).toContain(`rule ${rule.id}`);
  });

  it('keeps labels free of the characters that end or escape a Mermaid label', () => {
    for (const edge of edges) expect(edge.label).not.toMatch(/[;#:]/);
  });
});
