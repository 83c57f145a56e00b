import { createAjv } from '../../conformance/schema/createAjv.ts';
import { get } from './specFiles.ts';

export interface RegionRules {
  /** Where the list comes from (the doc comment of the generated table). */
  source: string;
  /** The Region the kit's own client sends when none is given (decision D-21). */
  default: string;
  /** The zone of the kit's own jobs in the default region (decision D-35). */
  defaultZone: string;
  /** Per documentation revision: whether Region is required, and the Batch regions. */
  revisions: Record<string, { required: boolean; regions: string[] }>;
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'default', 'defaultZone', 'revisions'],
  properties: {
    source: { type: 'string', minLength: 1 },
    default: { type: 'string', minLength: 1 },
    defaultZone: { type: 'string', pattern: '^[a-z]+-[a-z]+-[0-9]+$' },
    revisions: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['required', 'regions'],
        properties: {
          required: { type: 'boolean' },
          regions: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', pattern: '^[a-z]+-[a-z]+$' },
          },
        },
      },
    },
  },
} as const;

/**
 * common.yaml's `x-tbc-regions` (on the X-TC-Region parameter), checked: one entry per documentation revision of
 * spec/transitions.yaml, a default that every revision accepts, and a default zone in it.
 */
export function buildRegions(common: unknown, docRevisions: readonly string[]): RegionRules {
  const rules = get(common, ['components', 'parameters', 'XTcRegion', 'x-tbc-regions'], 'common.yaml');
  const ajv = createAjv();
  const validate = ajv.compile<RegionRules>(SCHEMA);
  if (!validate(rules)) throw new Error(`common.yaml x-tbc-regions: ${ajv.errorsText(validate.errors)}`);
  const revisions = Object.keys(rules.revisions);
  if ([...revisions].sort().join() !== [...docRevisions].sort().join()) {
    throw new Error(`common.yaml x-tbc-regions: revisions ${revisions.join(', ')} are not ${docRevisions.join(', ')}`);
  }
  for (const [revision, { regions }] of Object.entries(rules.revisions)) {
    if (!regions.includes(rules.default)) {
      throw new Error(`common.yaml x-tbc-regions: the default ${rules.default} is not a region of ${revision}`);
    }
  }
  if (!rules.defaultZone.startsWith(`${rules.default}-`)) {
    throw new Error(`common.yaml x-tbc-regions: the default zone ${rules.defaultZone} is not in ${rules.default}`);
  }
  return rules;
}
