import { DECISIONS, type DecisionId } from '../generated/decisions.ts';

/**
 * Where an expectation of the catalogue comes from:
 * - `seed`: the seed text says it; `quote` is verbatim (checked against spec/seed-TerminateTaskInstance.md);
 * - `reference`: another Tencent document says it; `cite` names it (a section of the reference), `quote` its words;
 * - `decision`: the docs are silent or disagree and the kit chose (spec/decisions.yaml). Against a target that is not
 *   a tbc emulator, a decision the target does not share is an observation, not a failure (unless --strict).
 */
export type Provenance =
  | { kind: 'seed'; quote: string }
  | { kind: 'reference'; cite: string; quote?: string }
  | { kind: 'decision'; decision: DecisionId };

export function seed(quote: string): Provenance {
  return { kind: 'seed', quote };
}

export function reference(cite: string, quote?: string): Provenance {
  return quote === undefined ? { kind: 'reference', cite } : { kind: 'reference', cite, quote };
}

export function decision(id: DecisionId): Provenance {
  return { kind: 'decision', decision: id };
}

/** One line for consoles and reports: `seed: "…"`, `reference §4.4: "…"`, `decision D-01 (JobId format …): …`. */
export function describeProvenance(p: Provenance): string {
  switch (p.kind) {
    case 'seed':
      return `seed: "${p.quote}"`;
    case 'reference':
      return p.quote === undefined ? p.cite : `${p.cite}: "${p.quote}"`;
    case 'decision':
      return `decision ${p.decision} (${DECISIONS[p.decision].question}): ${DECISIONS[p.decision].choice}`;
  }
}
