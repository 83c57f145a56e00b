import { createAjv } from '../../conformance/schema/createAjv.ts';
import { DECISIONS } from '../../generated/decisions.ts';
import { readYaml } from '../generate/specFiles.ts';
import type { Drift, DriftKind } from './compareWithSdk.ts';

/** One deliberate difference of spec/drift.yaml. */
export interface AcceptedDrift {
  kind: DriftKind;
  paths: string[];
  spec?: string;
  sdk?: string;
  decision: string;
  why: string;
}

export interface DriftVerdict {
  explained: { drift: Drift; by: AcceptedDrift }[];
  unexplained: Drift[];
  /** Entries of spec/drift.yaml that match no difference any more. */
  stale: AcceptedDrift[];
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['accepted'],
  properties: {
    accepted: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'paths', 'decision', 'why'],
        properties: {
          kind: { enum: ['missing-in-spec', 'extra-in-spec', 'type', 'required', 'nullable'] },
          paths: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          spec: { type: 'string' },
          sdk: { type: 'string' },
          decision: { type: 'string', pattern: '^D-[0-9]{2}$' },
          why: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

/** spec/drift.yaml, checked: its shape, and every decision it cites exists in spec/decisions.yaml. */
export async function readAcceptedDrift(): Promise<AcceptedDrift[]> {
  const doc = await readYaml('drift.yaml');
  const ajv = createAjv();
  const validate = ajv.compile<{ accepted: AcceptedDrift[] }>(SCHEMA);
  if (!validate(doc)) throw new Error(`spec/drift.yaml: ${ajv.errorsText(validate.errors)}`);
  for (const entry of doc.accepted) {
    if (!Object.hasOwn(DECISIONS, entry.decision)) throw new Error(`spec/drift.yaml: no decision ${entry.decision}`);
  }
  return doc.accepted;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Which differences a deliberate entry explains, which none does, and which entries explain nothing. */
export function explainDrift(drifts: readonly Drift[], accepted: readonly AcceptedDrift[]): DriftVerdict {
  const matchers = accepted.map((entry) => ({ entry, paths: entry.paths.map(globToRegExp), used: false }));
  const verdict: DriftVerdict = { explained: [], unexplained: [], stale: [] };
  for (const drift of drifts) {
    const match = matchers.find(
      (m) =>
        m.entry.kind === drift.kind &&
        (m.entry.spec === undefined || m.entry.spec === drift.spec) &&
        (m.entry.sdk === undefined || m.entry.sdk === drift.sdk) &&
        m.paths.some((p) => p.test(drift.path)),
    );
    if (match === undefined) {
      verdict.unexplained.push(drift);
    } else {
      match.used = true;
      verdict.explained.push({ drift, by: match.entry });
    }
  }
  verdict.stale = matchers.filter((m) => !m.used).map((m) => m.entry);
  return verdict;
}
