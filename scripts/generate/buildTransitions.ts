import { createAjv } from '../../conformance/schema/createAjv.ts';
import { readYaml } from './specFiles.ts';

interface Rule {
  id: string;
  env?: string;
  states: string[];
  cvm?: string[];
  response: string;
  effect: string;
  quote: string;
  from: string;
}
interface Table {
  defaultRevision: string;
  envKinds: Record<string, string>;
  cvmPhases: Record<string, string>;
  effects: Record<string, unknown>;
  revisions: Record<string, { title: string; source: string; rules: Rule[] }>;
}

export interface Transitions {
  table: unknown;
  /** The keys of `envKinds` and `cvmPhases`, in the order spec/transitions.yaml lists them. */
  envKinds: string[];
  cvmPhases: string[];
  /** doc revision → env → state → cvm phase → the rule that decides. */
  outcomes: Record<
    string,
    Record<string, Record<string, Record<string, { rule: string; response: string; effect: string }>>>
  >;
}

/**
 * Validates spec/transitions.yaml and flattens it into a total lookup: for each documentation revision, every (env, state, cvm)
 * combination must be decided by exactly the first matching rule, and every rule must decide something.
 */
export async function buildTransitions(
  states: readonly string[],
  terminateCodes: readonly string[],
): Promise<Transitions> {
  const table = await readYaml('transitions.yaml');
  const schema = await readYaml('transitions.schema.yaml');
  const ajv = createAjv();
  const validate = ajv.compile(schema);
  if (!validate(table)) throw new Error(`spec/transitions.yaml: ${ajv.errorsText(validate.errors)}`);
  const t = table as unknown as Table;
  if (!(t.defaultRevision in t.revisions))
    throw new Error(`spec/transitions.yaml: unknown defaultRevision ${t.defaultRevision}`);
  const envKinds = Object.keys(t.envKinds);
  const cvmPhases = Object.keys(t.cvmPhases);

  const outcomes: Transitions['outcomes'] = {};
  for (const [revision, { rules }] of Object.entries(t.revisions)) {
    const used = new Set<string>();
    for (const rule of rules) {
      for (const s of rule.states) if (!states.includes(s)) throw new Error(`${rule.id}: unknown state ${s}`);
      if (rule.env !== undefined && !envKinds.includes(rule.env))
        throw new Error(`${rule.id}: unknown env ${rule.env}`);
      for (const c of rule.cvm ?? []) if (!cvmPhases.includes(c)) throw new Error(`${rule.id}: unknown cvm phase ${c}`);
      if (!(rule.effect in t.effects)) throw new Error(`${rule.id}: unknown effect ${rule.effect}`);
      if (rule.response !== 'Success' && !terminateCodes.includes(rule.response)) {
        throw new Error(`${rule.id}: ${rule.response} is not an error code of TerminateTaskInstance`);
      }
    }
    const byEnv: Transitions['outcomes'][string] = {};
    for (const env of envKinds) {
      const byState: Record<string, Record<string, { rule: string; response: string; effect: string }>> = {};
      for (const state of states) {
        const byCvm: Record<string, { rule: string; response: string; effect: string }> = {};
        for (const cvm of cvmPhases) {
          const rule = rules.find(
            (r) => (r.env === undefined || r.env === env) && r.states.includes(state) && (r.cvm?.includes(cvm) ?? true),
          );
          if (rule === undefined)
            throw new Error(`revision ${revision}: no rule for env=${env} state=${state} cvm=${cvm}`);
          used.add(rule.id);
          byCvm[cvm] = { rule: rule.id, response: rule.response, effect: rule.effect };
        }
        byState[state] = byCvm;
      }
      byEnv[env] = byState;
    }
    const unused = rules.filter((r) => !used.has(r.id)).map((r) => r.id);
    if (unused.length > 0) throw new Error(`revision ${revision}: rules never reached: ${unused.join(', ')}`);
    outcomes[revision] = byEnv;
  }
  return { table, envKinds, cvmPhases, outcomes };
}
