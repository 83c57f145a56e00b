import { createAjv } from '../../conformance/schema/createAjv.ts';
import { readYaml } from './specFiles.ts';

export interface Decision {
  id: string;
  question: string;
  choice: string;
  where: string;
  configurable?: string;
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['decisions'],
  properties: {
    decisions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'question', 'choice', 'where'],
        properties: {
          id: { type: 'string', pattern: '^D-[0-9]{2}$' },
          question: { type: 'string', minLength: 1 },
          choice: { type: 'string', minLength: 1 },
          where: { type: 'string', minLength: 1 },
          configurable: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

/** Reads and checks spec/decisions.yaml: the shape, and ids unique and in order. */
export async function buildDecisions(): Promise<Decision[]> {
  const doc = await readYaml('decisions.yaml');
  const ajv = createAjv();
  const validate = ajv.compile<{ decisions: Decision[] }>(SCHEMA);
  if (!validate(doc)) throw new Error(`spec/decisions.yaml: ${ajv.errorsText(validate.errors)}`);
  const ids = doc.decisions.map((d) => d.id);
  const sorted = [...ids].sort();
  if (new Set(ids).size !== ids.length || ids.join() !== sorted.join()) {
    throw new Error('spec/decisions.yaml: ids must be unique and in ascending order');
  }
  return doc.decisions;
}

/** The decisions table of spec/README.md, between its markers. */
export function renderDecisionsTable(decisions: readonly Decision[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '| id | question | choice | where | if you disagree |',
    '|---|---|---|---|---|',
    ...decisions.map(
      (d) =>
        `| ${d.id} | ${cell(d.question)} | ${cell(d.choice)} | ${cell(d.where)} | ${cell(d.configurable ?? '—')} |`,
    ),
  ].join('\n');
}

export const DECISIONS_START = '<!-- decisions:start (generated from spec/decisions.yaml by `npm run generate`) -->';
export const DECISIONS_END = '<!-- decisions:end -->';
